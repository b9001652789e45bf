// Private to monitor: the small scanning helpers the line readers share. Everything works
// on views into the line and allocates nothing.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace smpolicy::monitor::fields {

// Walks a line token by token; tokens are separated by runs of spaces.
struct Cursor {
  std::string_view text;
  std::size_t pos = 0;

  // The next token, empty at the end. Inline and memchr-based: the readers' hot loop.
  std::string_view next() {
    skip_spaces();
    std::size_t begin = pos;
    const void* space = std::memchr(text.data() + pos, ' ', text.size() - pos);
    pos = space ? static_cast<std::size_t>(static_cast<const char*>(space) - text.data()) : text.size();
    return text.substr(begin, pos - begin);
  }
  std::string_view rest() const;         // what is left, leading spaces skipped
  void skip_spaces() {
    while (pos < text.size() && text[pos] == ' ') ++pos;
  }
};

bool is_digit(char c);
bool to_uint(std::string_view text, std::uint64_t& out);  // digits only, no overflow
bool to_int(std::string_view text, std::int64_t& out);    // an optional '-' then digits
// A three-digit HTTP status, or "0"/"000" for none.
bool to_status(std::string_view text, int& out);

// "Jan" ... "Dec" -> 1 ... 12; 0 when not a month.
int month_of(std::string_view name);
// Seconds since 1970 of a civil time read as UTC; -1 when out of range.
std::int64_t civil_seconds(int year, int month, int day, int hour, int minute, int second);

// The HTTP method `token` names, as a view of static text that outlives the line; empty
// when it names none.
std::string_view canonical_method(std::string_view token);
inline bool is_method(std::string_view token) { return !canonical_method(token).empty(); }
// ASCII lower case: host and user names.
std::string lower(std::string_view text);

// True when `token` contains `word`.
inline bool contains(std::string_view token, std::string_view word) {
  return token.find(word) != std::string_view::npos;
}

}  // namespace smpolicy::monitor::fields
