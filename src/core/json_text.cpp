#include <cstdint>
#include <cstring>

#include "core/core.hpp"

namespace smpolicy {
namespace {

// True when none of the 8 bytes at `p` needs escaping or checking: each is at least
// 0x20 and below 0x80, and none is '"' or '\\'. Bit tricks over one 64-bit word.
bool plain_word(const char* p) {
  constexpr std::uint64_t k_ones = 0x0101010101010101ull, k_highs = 0x8080808080808080ull;
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  auto has_zero = [&](std::uint64_t v) { return ((v - k_ones) & ~v & k_highs) != 0; };
  bool below_space = ((w - 0x20 * k_ones) & ~w & k_highs) != 0;
  return (w & k_highs) == 0 && !below_space && !has_zero(w ^ ('"' * k_ones)) && !has_zero(w ^ ('\\' * k_ones));
}

}  // namespace

std::size_t utf8_length(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  if (n == 2 && c < 0xC2) return 0;                          // overlong
  if (n == 3 && c == 0xE0 && byte(i + 1) < 0xA0) return 0;   // overlong
  if (n == 3 && c == 0xED && byte(i + 1) >= 0xA0) return 0;  // surrogate
  if (n == 4 && (c > 0xF4 || (c == 0xF0 && byte(i + 1) < 0x90) ||
                 (c == 0xF4 && byte(i + 1) >= 0x90))) {
    return 0;
  }
  return n;
}

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char k_hex[] = "0123456789abcdef";
  // Most strings (ids, kinds, clause numbers, messages) need no escaping at all: checked
  // in one pass, then written in one go.
  std::size_t plain = 0;
  while (plain + 8 <= text.size() && plain_word(text.data() + plain)) plain += 8;
  while (plain < text.size()) {
    auto b = static_cast<unsigned char>(text[plain]);
    if (b < 0x20 || b >= 0x80 || b == '"' || b == '\\') break;
    ++plain;
  }
  if (plain == text.size()) {
    std::size_t at = out.size();
    out.resize(at + text.size() + 2);
    char* to = out.data() + at;
    to[0] = '"';
    if (!text.empty()) std::memcpy(to + 1, text.data(), text.size());
    to[text.size() + 1] = '"';
    return;
  }
  out += '"';
  out.append(text.data(), plain);
  for (std::size_t i = plain; i < text.size();) {
    // Most text needs no escaping: copy each such run in one go.
    std::size_t run = i;
    while (run + 8 <= text.size() && plain_word(text.data() + run)) run += 8;
    while (run < text.size()) {
      auto b = static_cast<unsigned char>(text[run]);
      if (b < 0x20 || b >= 0x80 || b == '"' || b == '\\') break;
      ++run;
    }
    if (run > i) {
      out.append(text.data() + i, run - i);
      i = run;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20) {
      out += "\\u00";
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
    } else if (c >= 0x80) {
      std::size_t n = utf8_length(text, i);
      if (n == 0) {
        out += "\xEF\xBF\xBD";
        ++i;
        continue;
      }
      out.append(text.substr(i, n));
      i += n;
      continue;
    } else {
      out += static_cast<char>(c);
    }
    ++i;
  }
  out += '"';
}

}  // namespace smpolicy
