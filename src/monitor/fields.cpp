#include "monitor/fields.hpp"

#include "core/core.hpp"

namespace smpolicy::monitor::fields {

std::string_view Cursor::rest() const {
  std::size_t p = pos;
  while (p < text.size() && text[p] == ' ') ++p;
  return text.substr(p);
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool to_uint(std::string_view text, std::uint64_t& out) {
  if (text.empty() || text.size() > 18) return false;
  std::uint64_t value = 0;
  for (char c : text) {
    if (!is_digit(c)) return false;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  out = value;
  return true;
}

bool to_int(std::string_view text, std::int64_t& out) {
  bool negative = !text.empty() && text[0] == '-';
  std::uint64_t magnitude = 0;
  if (!to_uint(negative ? text.substr(1) : text, magnitude)) return false;
  out = negative ? -static_cast<std::int64_t>(magnitude) : static_cast<std::int64_t>(magnitude);
  return true;
}

bool to_status(std::string_view text, int& out) {
  std::uint64_t value = 0;
  if ((text.size() != 3 && text != "0") || !to_uint(text, value)) return false;
  if (value != 0 && (value < 100 || value > 599)) return false;
  out = static_cast<int>(value);
  return true;
}

int month_of(std::string_view name) {
  static constexpr std::string_view k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int i = 0; i < 12; ++i) {
    if (k_months[i] == name) return i + 1;
  }
  return 0;
}

std::int64_t civil_seconds(int year, int month, int day, int hour, int minute, int second) {
  if (year < 1990 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 ||
      minute > 59 || second > 60 || hour < 0 || minute < 0 || second < 0) {
    return -1;
  }
  std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return days * 86400 + hour * 3600 + minute * 60 + second;
}

std::string_view canonical_method(std::string_view token) {
  static constexpr std::string_view k_methods[] = {
      "GET", "POST", "CONNECT", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE",
      "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "REPORT", "SEARCH"};
  for (auto m : k_methods) {
    if (m == token) return m;
  }
  return {};
}

}  // namespace smpolicy::monitor::fields
