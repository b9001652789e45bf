// The name detector's reading of a post, word by word, and the cue words among them.
#include "detect/name_words.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "core/core.hpp"  // SMPOLICY_X86_AVX2

#ifdef SMPOLICY_X86_AVX2
#include <immintrin.h>
#endif

namespace smpolicy::names_detail {
namespace {

// word_char's answer for each byte, before it is cut short at the end of the text.
constexpr std::array<unsigned char, 256> k_word_bytes = [] {
  std::array<unsigned char, 256> widths{};
  for (int u = 0; u < 256; ++u) {
    const char text[4] = {static_cast<char>(u), 'a', 'a', 'a'};
    widths[static_cast<std::size_t>(u)] = static_cast<unsigned char>(word_char(std::string_view(text, 4), 0));
  }
  return widths;
}();

}  // namespace

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

// The bytes of a word's last chunk, by how many of its eight belong to the word.
constexpr std::array<std::uint64_t, 9> k_tail_masks = [] {
  std::array<std::uint64_t, 9> masks{};
  for (std::size_t n = 1; n < masks.size(); ++n) masks[n] = ~std::uint64_t{0} >> (64 - 8 * n);
  return masks;
}();

// word_hash of the `size` bytes at `w`, where size is at least one and at least eight more
// bytes can be read.
inline std::uint64_t hash_of_word(const char* w, std::size_t size) {
  static_assert(std::endian::native == std::endian::little, "word_hash reads chunks little-endian");
  assert(size > 0);
  auto chunk_at = [](const char* at) {
    std::uint64_t chunk;
    std::memcpy(&chunk, at, 8);
    return chunk;
  };
  std::uint64_t h = k_word_hash_start;
  for (; size > 8; size -= 8, w += 8) h = word_hash_chunk(h, chunk_at(w));
  return word_hash_finish(word_hash_chunk(h, chunk_at(w) & k_tail_masks[size]));
}

// Where the words go as they are read: every token, and the number of each one the filter
// may hold. Both arrays have room for every word the text can hold.
struct Sink {
  Token* tokens;
  std::uint32_t* keyed;
  KeyFilter::Bits filter;
  std::uint32_t* keyed_end;  // where the next kept number goes
  std::size_t count = 0;
};

// A word from begin to end in the padded text `p`: a possessive "'s" left off, and hashed.
// `Apostrophes` false says no apostrophe is at or next to the word, so neither test is made.
template <bool Apostrophes = true>
inline void put_word(const char* p, std::size_t begin, std::size_t end, Sink& out) {
  std::size_t size = end - begin;
  bool possessive = false;
  if constexpr (Apostrophes) {
    possessive = p[end] == '\'';  // "James'"
    if (size > 2 && p[end - 2] == '\'' && p[end - 1] == 's') {
      size -= 2;
      possessive = true;
    }
  }
  const std::uint64_t hash = hash_of_word(p + begin, size);
  Token& t = out.tokens[out.count];
  t.hash = hash;
  t.begin = static_cast<std::uint32_t>(begin);
  t.end = static_cast<std::uint32_t>(begin + size);
  t.possessive = possessive;
  // The number is written whether or not the word is kept, which costs less than a branch
  // that most words take one way and some the other.
  *out.keyed_end = static_cast<std::uint32_t>(out.count);
  out.keyed_end += out.filter.may_hold(hash) ? 1 : 0;
  ++out.count;
}

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

#ifdef __SSE2__
// Bit k of each mask says what byte k of the 64 at p is.
struct ByteMasks {
  std::uint64_t word = 0;    // an ASCII letter or digit
  std::uint64_t joiner = 0;  // '-' or '\''
  bool high = false;         // some byte is 0x80 or above: part of a letter, symbol or emoji of several bytes
  bool apostrophe = false;   // some byte is '\''
};

ByteMasks masks_of(const char* p) {
  ByteMasks m;
  __m128i any = _mm_setzero_si128();
  __m128i apostrophes = _mm_setzero_si128();
#pragma GCC unroll 4
  for (int q = 0; q < 4; ++q) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * q));
    // Whether low <= byte <= high in one signed compare: adding 0x80 - low moves the range
    // to the bottom of the signed bytes, and every byte outside it above.
    auto within = [&](char low, char high) {
      const __m128i moved = _mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - low)));
      return _mm_cmplt_epi8(moved, _mm_set1_epi8(static_cast<char>(-128 + (high - low) + 1)));
    };
    const __m128i word = _mm_or_si128(within('a', 'z'), within('0', '9'));
    const __m128i apostrophe = _mm_cmpeq_epi8(v, _mm_set1_epi8('\''));
    const __m128i joiner = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('-')), apostrophe);
    apostrophes = _mm_or_si128(apostrophes, apostrophe);
    const int shift = 16 * q;
    m.word |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(word))) << shift;
    m.joiner |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(joiner))) << shift;
    any = _mm_or_si128(any, v);
  }
  m.high = _mm_movemask_epi8(any) != 0;
  m.apostrophe = _mm_movemask_epi8(apostrophes) != 0;
  return m;
}

#ifdef SMPOLICY_X86_AVX2
__attribute__((target("avx2"))) inline __m256i within32(__m256i v, char low, char high) {
  const __m256i moved = _mm256_add_epi8(v, _mm256_set1_epi8(static_cast<char>(0x80 - low)));
  return _mm256_cmpgt_epi8(_mm256_set1_epi8(static_cast<char>(-128 + (high - low) + 1)), moved);
}

// masks_of on a machine with AVX2: 32 bytes a step, where masks_of takes 16.
__attribute__((target("avx2"))) ByteMasks masks_of_avx2(const char* p) {
  ByteMasks m;
  __m256i any = _mm256_setzero_si256();
  __m256i apostrophes = _mm256_setzero_si256();
#pragma GCC unroll 2
  for (int q = 0; q < 2; ++q) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32 * q));
    const __m256i word = _mm256_or_si256(within32(v, 'a', 'z'), within32(v, '0', '9'));
    const __m256i apostrophe = _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\''));
    const __m256i joiner = _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('-')), apostrophe);
    apostrophes = _mm256_or_si256(apostrophes, apostrophe);
    const int shift = 32 * q;
    m.word |= std::uint64_t{static_cast<unsigned>(_mm256_movemask_epi8(word))} << shift;
    m.joiner |= std::uint64_t{static_cast<unsigned>(_mm256_movemask_epi8(joiner))} << shift;
    any = _mm256_or_si256(any, v);
  }
  m.high = _mm256_movemask_epi8(any) != 0;
  m.apostrophe = _mm256_movemask_epi8(apostrophes) != 0;
  return m;
}
#endif

// The number of the lowest set bit of `bits`, which is not zero: std::countr_zero first
// asks whether it is, a test and a branch for every end of every word.
inline unsigned lowest_bit(std::uint64_t bits) {
  assert(bits != 0);
  return static_cast<unsigned>(__builtin_ctzll(bits));
}

// The words of the n bytes at p, read 64 bytes at a time, where at least 136 bytes past
// p + n can be read, all '\0'. Words are the runs of letters and digits, with the joiners
// between two of them; the same words words_by_byte finds, for a text of ASCII only.
// False when the text holds a byte of 0x80 or above, with some words written.
template <ByteMasks (*masks)(const char*)>
bool words_by_block(const char* p, std::size_t n, Sink& out) {
  std::size_t start = 0;
  bool open = false;               // a word runs on from the block before, from `start`
  std::uint64_t word_before = 0;   // whether the byte before the block is a letter or digit
  std::uint64_t run_before = 0;    // whether it is in a word
  for (std::size_t block = 0; block <= n; block += 64) {
    const ByteMasks m = masks(p + block);
    if (m.high) return false;
    const std::uint64_t word_after = k_word_bytes[static_cast<unsigned char>(p[block + 64])] == 1;
    const std::uint64_t left = (m.word << 1) | word_before, right = (m.word >> 1) | (word_after << 63);
    const std::uint64_t run = m.word | (m.joiner & left & right);
    const std::uint64_t run_left = (run << 1) | run_before;
    std::uint64_t starts = run & ~run_left, ends = ~run & run_left;  // the first byte of each word, and the first after
    word_before = m.word >> 63;
    run_before = run >> 63;
    // Words alternate with gaps, so the ends pair off with the starts, the first with a
    // word from the block before when one runs on.
    if (open && ends != 0) {
      put_word(p, start, block + lowest_bit(ends), out);
      ends &= ends - 1;
      open = false;
    }
    // The words that start and end in this block, the byte after each included. Most
    // blocks hold no apostrophe, and their words need no test for a possessive.
    if (m.apostrophe) {
      for (; ends != 0; ends &= ends - 1, starts &= starts - 1) {
        put_word(p, block + lowest_bit(starts), block + lowest_bit(ends), out);
      }
    } else {
      for (; ends != 0; ends &= ends - 1, starts &= starts - 1) {
        put_word<false>(p, block + lowest_bit(starts), block + lowest_bit(ends), out);
      }
    }
    if (starts != 0) {
      start = block + lowest_bit(starts);
      open = true;
    }
  }
  return true;
}
#endif

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
  constexpr std::size_t k_spare = 136;
  thread_local std::vector<char> padded;
  if (padded.size() < text.size() + k_spare) padded.resize(text.size() + k_spare);
  std::memcpy(padded.data(), text.data(), text.size());
  std::memset(padded.data() + text.size(), 0, k_spare);
  Sink out{buffers.tokens.data(), buffers.keyed.data(), filter.bits(), buffers.keyed.data()};
  bool done = false;
#ifdef SMPOLICY_X86_AVX2
  if (cpu_has_avx2()) done = words_by_block<masks_of_avx2>(padded.data(), text.size(), out);
  else done = words_by_block<masks_of>(padded.data(), text.size(), out);
#elif defined(__SSE2__)
  done = words_by_block<masks_of>(padded.data(), text.size(), out);
#endif
  if (!done) {
    out.count = 0;
    out.keyed_end = out.keyed;
    words_by_byte(padded.data(), text.size(), out);
  }
  return Words{{out.tokens, out.count}, {out.keyed, out.keyed_end}};
}

}  // namespace smpolicy::names_detail
