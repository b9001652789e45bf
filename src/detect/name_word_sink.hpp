// Private to detect: how tokens_of writes a word as it reads one, shared by its two
// readings of a post, byte by byte (name_words.cpp) and 64 bytes at a time
// (name_word_blocks.cpp).
#pragma once

#include <array>
#include <bit>
#include <cassert>
#include <cstdint>
#include <cstring>

#include "detect/name_words.hpp"

namespace smpolicy::names_detail {

// word_char's answer for each byte, before it is cut short at the end of the text.
inline constexpr std::array<unsigned char, 256> k_word_bytes = [] {
  std::array<unsigned char, 256> widths{};
  for (int u = 0; u < 256; ++u) {
    const char text[4] = {static_cast<char>(u), 'a', 'a', 'a'};
    widths[static_cast<std::size_t>(u)] = static_cast<unsigned char>(word_char(std::string_view(text, 4), 0));
  }
  return widths;
}();

// word_hash of the `size` bytes at `w`, where size is at least one and at least eight more
// bytes can be read. The filter's bits, whose word the hash is tested against, keep the
// masks of its last chunk.
inline std::uint64_t hash_of_word(const char* w, std::size_t size, const KeyFilter::Bits& filter) {
  static_assert(std::endian::native == std::endian::little, "word_hash reads chunks little-endian");
  assert(size > 0);
  auto chunk_at = [](const char* at) {
    std::uint64_t chunk;
    std::memcpy(&chunk, at, 8);
    return chunk;
  };
  // Most words are eight bytes or fewer: one chunk, and no loop to set up.
  if (size <= 8) [[likely]] {
    return word_hash_chunk(k_word_hash_start, filter.first_bytes(chunk_at(w), size));
  }
  std::uint64_t h = k_word_hash_start;
  for (; size > 8; size -= 8, w += 8) h = word_hash_chunk(h, chunk_at(w));
  return word_hash_chunk(h, filter.first_bytes(chunk_at(w), size));
}

// Where the words go as they are read: every token, and the address of each one the filter
// may hold. Both arrays have room for every word the text can hold. The ends are kept as
// pointers, not counts, so that no word's place is worked out from a count and its size.
struct Sink {
  Token* tokens;
  const Token** keyed;
  KeyFilter::Bits filter;
  const Token** keyed_end;  // where the next kept token's address goes
  Token* tokens_end;  // where the next token goes
};

// A word from begin to end in the padded text `p`: a possessive "'s" left off, and hashed.
inline void put_word(const char* p, std::size_t begin, std::size_t end, Sink& out) {
  std::size_t size = end - begin;
  if (size > 2 && p[end - 2] == '\'' && p[end - 1] == 's') size -= 2;
  const std::uint64_t hash = hash_of_word(p + begin, size, out.filter);
  Token& t = *out.tokens_end++;
  t.hash = hash;
  t.begin = static_cast<std::uint32_t>(begin);
  t.end = static_cast<std::uint32_t>(begin + size);
  // The number is written whether or not the word is kept, which costs less than a branch
  // that most words take one way and some the other.
  *out.keyed_end = &t;
  out.keyed_end += out.filter.may_hold(hash) ? 1 : 0;
}

// The words of the n bytes at p, read 64 bytes at a time, where at least 136 bytes past
// p + n can be read, all '\0': the same words words_by_byte finds, much faster. False
// when the text holds a byte of 0x80 or above, with some words written, or where the
// processor has no SIMD form.
bool words_by_block(const char* p, std::size_t n, Sink& out);

}  // namespace smpolicy::names_detail
