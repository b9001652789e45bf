// tokens_of's reading of a text of ASCII only, 64 bytes at a time, by SSE2 or AVX2.
#include "detect/name_word_sink.hpp"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "core/core.hpp"  // SMPOLICY_X86_AVX2

#ifdef SMPOLICY_X86_AVX2
#include <immintrin.h>
#endif

namespace smpolicy::names_detail {
namespace {

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
// asks whether it is, a test and a branch for every end of every word. Written as TZCNT
// itself, since the compiler, tuned for processors whose TZCNT waits on its output's old
// value, clears that register first, an instruction more for every start and end of every
// word. For a word that is not zero TZCNT gives what BSF does, so any x86-64 runs it.
inline std::size_t lowest_bit(std::uint64_t bits) {
  assert(bits != 0);
  std::uint64_t n;
  asm("tzcnt %1, %0" : "=r"(n) : "r"(bits) : "cc");
  return n;
}

// put_word for each word that starts and ends in the block at p + block, where no
// apostrophe is, so none is a possessive: the bits of `starts` and `ends` pair off, lowest
// first, and `ends` is not zero. Most words of most posts pass through here. The sink's
// fields are read into locals first: the stores of the tokens could otherwise alias them,
// and each would be read and written again for every word. Returns the starts left, of a
// word that runs on into the next block.
inline __attribute__((always_inline)) std::uint64_t put_plain_words(const char* p, std::size_t block,
                                                                    std::uint64_t starts, std::uint64_t ends,
                                                                    Sink& out) {
  Token* token = out.tokens_end;
  const Token** keyed = out.keyed_end;
  const KeyFilter::Bits filter = out.filter;
  do {
    const std::size_t begin = block + lowest_bit(starts), end = block + lowest_bit(ends);
    starts &= starts - 1;
    ends &= ends - 1;
    const std::uint64_t hash = hash_of_word(p + begin, end - begin, filter);
    *keyed = token;
    *token++ = Token{hash, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
    keyed += filter.may_hold(hash) ? 1 : 0;
  } while (ends != 0);
  out.tokens_end = token;
  out.keyed_end = keyed;
  return starts;
}

// words_by_block (name_word_sink.hpp) by `masks`. Words are the runs of letters and
// digits, with the joiners between two of them. The sink is copied in and out, so that
// its fields, which the tokens' stores could otherwise alias, stay in registers.
template <ByteMasks (*masks)(const char*)>
inline __attribute__((always_inline)) bool read_blocks(const char* p, std::size_t n, Sink& sink) {
  Sink out = sink;
  std::size_t start = 0;
  bool open = false;               // a word runs on from the block before, from `start`
  std::uint64_t word_before = 0;   // whether the byte before the block is a letter or digit
  std::uint64_t run_before = 0;    // whether it is in a word
  for (std::size_t block = 0; block <= n; block += 64) {
    const ByteMasks m = masks(p + block);
    if (m.high) {
      sink = out;
      return false;
    }
    const std::uint64_t left = (m.word << 1) | word_before;
    std::uint64_t right = m.word >> 1;
    // Whether the byte after the block is a letter or digit matters only to a joiner at
    // its last byte, which few blocks have: the rest read no byte past their own.
    if ((m.joiner >> 63) != 0) [[unlikely]] {
      right |= std::uint64_t{k_word_bytes[static_cast<unsigned char>(p[block + 64])] == 1} << 63;
    }
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
    } else if (ends != 0) {
      starts = put_plain_words(p, block, starts, ends, out);
    }
    if (starts != 0) {
      start = block + lowest_bit(starts);
      open = true;
    }
  }
  sink = out;
  return true;
}

#ifdef SMPOLICY_X86_AVX2
// read_blocks by AVX2, with the bit instructions of BMI1 and BMI2 for its words.
__attribute__((target("avx2,bmi,bmi2"))) bool read_blocks_avx2(const char* p, std::size_t n, Sink& out) {
  return read_blocks<masks_of_avx2>(p, n, out);
}
#endif
#endif

}  // namespace

bool words_by_block(const char* p, std::size_t n, Sink& out) {
#ifdef SMPOLICY_X86_AVX2
  if (cpu_has_avx2()) return read_blocks_avx2(p, n, out);
#endif
#ifdef __SSE2__
  return read_blocks<masks_of>(p, n, out);
#else
  return false;
#endif
}

}  // namespace smpolicy::names_detail
