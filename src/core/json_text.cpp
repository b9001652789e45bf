#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

#include "core/core.hpp"

namespace smpolicy {
namespace {

// Where the first byte of the 8 at `p` lies that a JSON string cannot hold as it is
// (below 0x20, from 0x80, '"' or '\\'), or 8 where there is none. Bit tricks over one
// 64-bit word: each test marks the high bit of a byte that matches, and, borrows aside,
// the lowest mark is always a true one, so the lowest of them all is the first such byte.
std::size_t first_unplain(const char* p) {
  constexpr std::uint64_t k_ones = 0x0101010101010101ull, k_highs = 0x8080808080808080ull;
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  auto below = [](std::uint64_t v, std::uint64_t n) { return (v - n * k_ones) & ~v & k_highs; };
  std::uint64_t marks = (w & k_highs) | below(w, 0x20) | below(w ^ ('"' * k_ones), 1) |
                        below(w ^ ('\\' * k_ones), 1);
  if (marks == 0) return 8;
  if constexpr (std::endian::native == std::endian::little) return static_cast<std::size_t>(std::countr_zero(marks)) / 8;
  for (std::size_t k = 0;; ++k) {
    auto b = static_cast<unsigned char>(p[k]);
    if (b < 0x20 || b >= 0x80 || b == '"' || b == '\\') return k;
  }
}

// plain_json_prefix, inlined where the writer calls it.
inline std::size_t plain_prefix(std::string_view text) {
  const char* p = text.data();
  std::size_t n = text.size();
  if (n < 8) {
    // Spaces after the text, so the one word looks at the text alone.
    char word[8] = {' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};
    if (n) std::memcpy(word, p, n);
    return std::min(first_unplain(word), n);
  }
  std::size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time where the machine has SSE2 (every x86-64).
  for (; i + 16 <= n; i += 16) {
    if (unsigned mask = json_marks_16(p + i)) return i + static_cast<std::size_t>(std::countr_zero(mask));
  }
#endif
  for (; i + 8 <= n; i += 8) {
    if (std::size_t k = first_unplain(p + i); k < 8) return i + k;
  }
  // The last word overlaps bytes already found plain, so its first mark is past them.
  return i == n ? n : n - 8 + first_unplain(p + n - 8);
}

}  // namespace

std::size_t plain_json_prefix(std::string_view text) { return plain_prefix(text); }

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
  // in one pass, then written in one go, without zeroing the room first.
  std::size_t plain = plain_prefix(text);
  if (plain == text.size()) {
    // The size handed to the callback is not used: GCC 12's libstdc++ hands it the grown
    // capacity instead when the string has to grow.
    std::size_t at = out.size(), size = at + text.size() + 2;
    out.resize_and_overwrite(size, [&](char* to, std::size_t) {
      to[at] = '"';
      if (!text.empty()) std::memcpy(to + at + 1, text.data(), text.size());
      to[size - 1] = '"';
      return size;
    });
    return;
  }
  out += '"';
  out.append(text.data(), plain);
  for (std::size_t i = plain; i < text.size();) {
    // Most text needs no escaping: copy each such run in one go.
    std::size_t run = i + plain_prefix(text.substr(i));
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
