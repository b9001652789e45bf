// Private to decide: the writer a verdict's JSON goes through (render_json.cpp).
#pragma once

#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/core.hpp"

namespace smpolicy {

// Appends to a string through a cursor into room made ahead, so that each piece of a
// verdict costs a compare and a copy rather than a call to std::string::append: a
// verdict is some fifty pieces, most of them a few bytes. Until the writer is gone the
// string holds unwritten room past what was written; it is then cut to what was. What
// is written must not lie in that string (repeat copies from it).
class JsonOut {
 public:
  explicit JsonOut(std::string& out);
  ~JsonOut() {
    std::size_t size = offset();
    m_out.resize_and_overwrite(size, [&](char*, std::size_t) { return size; });
  }
  JsonOut(const JsonOut&) = delete;
  JsonOut& operator=(const JsonOut&) = delete;

  void put(char c) {
    make_room(1);
    *m_at++ = c;
  }
  void put(std::string_view text) {
    make_room(text.size());
    copy(m_at, text.data(), text.size());
    m_at += text.size();
  }
  // `text` as a JSON string, as append_json_string writes it: here where it needs no
  // escaping, as most do, and by append_json_string itself where it does. The text is
  // copied first and looked at where it was copied to, whose room runs on past it, so
  // the bytes are looked at sixteen at a time without a shorter last block.
  void string(std::string_view text) { member({}, text); }
  // put(key), then string(text), room made for both at once: nearly every string of a
  // verdict follows its member's name. The cursor is kept in a local while writing, as
  // a store through a char pointer makes the compiler reload the member after it.
  [[gnu::always_inline]] void member(std::string_view key, std::string_view text) {
    std::size_t size = text.size();
    make_room(key.size() + size + 2 + k_block);
    char* at = m_at;
    if (!key.empty()) std::memcpy(at, key.data(), key.size());
    at += key.size();
    copy(at + 1, text.data(), size);
    at[size + 1] = '"';
    if (!plain_to_quote(at + 1, size)) {
      m_at = at;
      return escaped(text);
    }
    *at = '"';
    m_at = at + size + 2;
  }
  void number(std::uint32_t n) { member({}, n); }
  // put(key), then number(n), room made for both at once.
  void member(std::string_view key, std::uint32_t n) {
    constexpr std::size_t k_most = 10;  // digits of the largest 32-bit number
    make_room(key.size() + k_most);
    char* at = m_at;
    if (!key.empty()) std::memcpy(at, key.data(), key.size());
    at += key.size();
    m_at = std::to_chars(at, at + k_most, n).ptr;
  }

  // `value` with two decimals, exactly as printf's "%.2f" writes it (to nearest, a tie
  // to even, on the float's exact value) without printf's cost, which was a tenth of the
  // writer's time. (From 1e29 or so, printf's text is cut to 31 bytes, as it always was.)
  void decimal(float value) { decimal({}, value); }
  // put(key), then decimal(value), room made for both at once.
  void decimal(std::string_view key, float value) {
    double exact = value;
    if (!(exact >= 0 && exact < 1000)) {
      put(key);
      return decimal_by_printf(exact);
    }
    // Exact: a float's 24 significant bits times 100's five fit in a double, and so does
    // what is left after the whole part. Truncating is flooring, as it is not negative.
    double scaled = exact * 100;
    auto hundredths = static_cast<std::uint32_t>(scaled);
    double rest = scaled - hundredths;
    if (rest > 0.5 || (rest == 0.5 && (hundredths & 1))) ++hundredths;
    std::uint32_t whole = hundredths / 100, cents = hundredths % 100;
    if (whole >= 10) {  // rare: nearly every decimal written is a confidence, below 10
      put(key);
      number(whole);
      key = {};
    }
    make_room(key.size() + 4);
    char* at = m_at;
    if (!key.empty()) std::memcpy(at, key.data(), key.size());
    at += key.size();
    if (whole < 10) *at++ = static_cast<char>('0' + whole);
    at[0] = '.';
    at[1] = static_cast<char>('0' + cents / 10);
    at[2] = static_cast<char>('0' + cents % 10);
    m_at = at + 3;
  }

  // Where the next byte goes, counted from the start of the string.
  std::size_t offset() const { return static_cast<std::size_t>(m_at - m_out.data()); }
  // The bytes from `begin` to `end` (offsets already written) written again.
  void repeat(std::size_t begin, std::size_t end) {
    make_room(end - begin);
    copy(m_at, m_out.data() + begin, end - begin);
    m_at += end - begin;
  }

 private:
  static constexpr std::size_t k_block = 16;

  // memcpy(to, from, n), in line where n is below 32: most pieces of a verdict that are
  // not made up front (a finding's kind, its field and text, a detail, a span's bytes
  // written before) are a few bytes, for which the call costs more than the copy. Two
  // loads of a width that covers n between them, the second ending where the bytes do.
  static void copy(char* to, const char* from, std::size_t n) {
    if (n >= 32) {
      std::memcpy(to, from, n);
    } else if (n >= 16) {
      copy_ends<16>(to, from, n);
    } else if (n >= 8) {
      copy_ends<8>(to, from, n);
    } else if (n >= 4) {
      copy_ends<4>(to, from, n);
    } else if (n > 0) {
      // One to three bytes: the first, the middle and the last cover them.
      char first = from[0], middle = from[n / 2], last = from[n - 1];
      to[0] = first;
      to[n / 2] = middle;
      to[n - 1] = last;
    }
  }
  template <std::size_t W>
  static void copy_ends(char* to, const char* from, std::size_t n) {
    char head[W], tail[W];
    std::memcpy(head, from, W);
    std::memcpy(tail, from + n - W, W);
    std::memcpy(to, head, W);
    std::memcpy(to + n - W, tail, W);
  }

  // Whether the `n` bytes at `p` are all plain_json_prefix's, given that p[n] is a
  // closing quote, which it stops at: then the first byte it stops at from p on is that
  // quote. Reads up to k_block - 1 bytes past it.
  static bool plain_to_quote(const char* p, std::size_t n) {
#if defined(__SSE2__)
    for (std::size_t i = 0;; i += k_block) {
      if (unsigned mask = json_marks_16(p + i)) return i + static_cast<std::size_t>(std::countr_zero(mask)) == n;
    }
#else
    return plain_json_prefix(std::string_view(p, n)) == n;
#endif
  }

  void make_room(std::size_t n) {
    if (static_cast<std::size_t>(m_end - m_at) < n) grow(n);
  }
  void grow(std::size_t n);
  void escaped(std::string_view text);
  void decimal_by_printf(double value);

  std::string& m_out;
  char* m_at;   // the next byte to write, in m_out
  char* m_end;  // the end of m_out's room
};

// What `each(writer)` writes, as `text`, which keeps no more room than it needs: the
// parts of verdicts written once, up front.
template <typename Each>
void write_json(std::string& text, Each each) {
  {
    JsonOut out(text);
    each(out);
  }
  text.shrink_to_fit();
}

}  // namespace smpolicy
