// The name detector's reading of a post, word by word, and the cue words among them.
#include "detect/name_words.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "detect/name_word_sink.hpp"

namespace smpolicy::names_detail {

// "year4", "yr6", "y6": a year group written as one word, as in a hashtag.
bool year_word(std::string_view w) {
  std::size_t letters = w.starts_with("year") ? 4 : w.starts_with("yr") ? 2 : w.starts_with("y") ? 1 : 0;
  if (letters == 0 || w.size() == letters || w.size() > letters + 2) return false;
  return std::all_of(w.begin() + static_cast<std::ptrdiff_t>(letters), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

namespace {

// Bytes as tokens_of reads them: what ends a word, what goes on with it, and what joins
// two runs of letters ("anne-marie", "o'neill").
constexpr unsigned char k_joiner = 4;
constexpr std::array<unsigned char, 256> k_byte_kinds = [] {
  std::array<unsigned char, 256> kinds = k_word_bytes;  // 0 ends a word, 1 to 3: its width
  kinds['-'] = kinds['\''] = k_joiner;
  return kinds;
}();

// The words of the n bytes at p, read one byte at a time, for any text.
void words_by_byte(const char* p, std::size_t n, Sink& out) {
  auto kind_at = [&](std::size_t k) -> unsigned char { return k_byte_kinds[static_cast<unsigned char>(p[k])]; };
  for (std::size_t i = 0;;) {
    while (i < n && k_word_bytes[static_cast<unsigned char>(p[i])] == 0) ++i;  // a joiner starts no word
    if (i == n) break;
    std::size_t j = i;
    for (;;) {
      unsigned char kind;
      while ((kind = kind_at(j)) == 1) ++j;  // most bytes: ASCII letters and digits
      if (kind == 0) break;
      if (kind == k_joiner) {
        unsigned char next = kind_at(j + 1);
        if (next == 0 || next == k_joiner) break;
        ++j;
        continue;
      }
      j = std::min(j + kind, n);  // a letter of several bytes
    }
    put_word(p, i, j, out);
    i = j;
  }
}

// Writes the k_spare zero bytes after the copied text by a few stores in line: memset,
// which the compiler calls for this many bytes, costs several times as many instructions.
constexpr std::size_t k_spare = 136;
void zero_spare(char* at) {
#ifdef __SSE2__
  static_assert(k_spare == 8 * 16 + 8);
  const __m128i zero = _mm_setzero_si128();
#pragma GCC unroll 8
  for (std::size_t k = 0; k < 8; ++k) _mm_storeu_si128(reinterpret_cast<__m128i*>(at + 16 * k), zero);
  const std::uint64_t last = 0;
  std::memcpy(at + 128, &last, 8);
#else
  std::memset(at, 0, k_spare);
#endif
}

}  // namespace

Words tokens_of(const std::string& text, const KeyFilter& filter, WordBuffers& buffers) {
  assert(text.size() < (std::size_t{1} << 32));
  // Room for the most words the text can hold, one letter and one space each, so each
  // word is written with no check of the room left: a check and a possible move per
  // word cost as much as reading the word.
  const std::size_t room = text.size() / 2 + 1;
  if (buffers.tokens.size() < room) {
    buffers.tokens.resize(room);
    buffers.keyed.resize(room);
  }
  // A copy with bytes to spare, all '\0', which is no word byte: a word is hashed by whole
  // chunks of eight, the text read in blocks of 64, and the loops over a word's bytes stop
  // at the end with no bounds check of their own.
  thread_local std::vector<char> padded;
  if (padded.size() < text.size() + k_spare) padded.resize(text.size() + k_spare);
  std::memcpy(padded.data(), text.data(), text.size());
  zero_spare(padded.data() + text.size());
  Sink out{buffers.tokens.data(), buffers.keyed.data(), filter.bits(), buffers.keyed.data(), buffers.tokens.data()};
  if (!words_by_block(padded.data(), text.size(), out)) {
    out.tokens_end = out.tokens;
    out.keyed_end = out.keyed;
    words_by_byte(padded.data(), text.size(), out);
  }
  return Words{{out.tokens, out.tokens_end}, {out.keyed, out.keyed_end}};
}

}  // namespace smpolicy::names_detail
