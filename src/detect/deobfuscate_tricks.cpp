// The quick looks deobfuscate takes at a text: bit masks of 64 bytes at a time, with a
// byte-by-byte reading that says what they must answer.
#include "detect/deobfuscate_tricks.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "core/core.hpp"  // SMPOLICY_X86_AVX2

#ifdef SMPOLICY_X86_AVX2
#include <immintrin.h>
#endif

namespace smpolicy::deobfuscate_detail {
namespace {

bool letter(char c) { return c >= 'a' && c <= 'z'; }

// The look-alikes deobfuscate substitutes: a digit or symbol standing for a letter.
constexpr std::array<bool, 256> k_leet = [] {
  std::array<bool, 256> table{};
  for (char c : {'0', '1', '3', '4', '5', '7', '@', '$', '!', '|', '+'}) table[static_cast<unsigned char>(c)] = true;
  return table;
}();

bool leet(char c) { return k_leet[static_cast<unsigned char>(c)]; }
bool alnum(char c) { return letter(c) || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); }

// Whether s[i] is a place next_undo looks for.
bool may_undo_at(std::string_view s, std::size_t i) {
  const char c = s[i];
  if (!letter(c) || i + 2 >= s.size()) return false;
  const char next = s[i + 1];
  if (letter(next)) return next == c && s[i + 2] == c;  // most letters: one inside a word
  const bool spacer = next == '.' || next == '-' || next == '_' || next == '*' || next == '~' || next == ' ';
  return spacer && (i == 0 || !alnum(s[i - 1]));
}

// The looks one byte at a time: what tricks_in must answer.
bool may_have_leet(std::string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (leet(s[i]) && letter(s[i + 1]) && (i == 0 || letter(s[i - 1]) || s[i] == '@' || s[i] == '$')) return true;
  }
  return false;
}

// A lone letter with another lone letter two on ("f u c k"), or a letter three times
// over ("fuuuck"); looked for run by run of letters, since only those lengths can show it.
bool may_have_spacing(std::string_view s) {
  const std::size_t n = s.size();
  for (std::size_t a = 0; a < n;) {
    if (!letter(s[a])) {
      ++a;
      continue;
    }
    std::size_t b = a + 1;
    while (b < n && letter(s[b])) ++b;
    if (b - a == 1 && a + 2 < n && letter(s[a + 2]) && (a + 3 >= n || !letter(s[a + 3]))) return true;
    for (std::size_t i = a; i + 2 < b; ++i) {
      if (s[i] == s[i + 1] && s[i] == s[i + 2]) return true;
    }
    a = b;
  }
  return false;
}

#if defined(__SSE2__)
// The same looks 64 bytes at a time, as they run over every byte of every post. Each test
// gives a bit per byte; the few bytes that could be leetspeak (a digit or a symbol before a
// letter) are then checked one by one.
unsigned bits_of(__m128i lanes) { return static_cast<unsigned>(_mm_movemask_epi8(lanes)); }
// Whether lo <= byte <= hi in one signed compare: adding 0x80 - lo moves the range to the
// bottom of the signed bytes, and every byte outside it above.
__m128i in_range(__m128i v, char lo, char hi) {
  const __m128i moved = _mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - lo)));
  return _mm_cmplt_epi8(moved, _mm_set1_epi8(static_cast<char>(-128 + (hi - lo) + 1)));
}
__m128i equal_to(__m128i v, char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); }

// Bit k of each mask says what byte k of the 64 at p is.
struct Marks {
  std::uint64_t letters = 0;
  std::uint64_t symbols = 0;  // '!' to '@' and '|': every look-alike, and more (mostly punctuation)
  std::uint64_t triples = 0;  // a letter equal to the next two bytes
};

// The marks of the 64 bytes at p, where 66 can be read. Each byte is compared with the
// next two by loads one and two bytes on, which cost less than shifting lanes across.
Marks marks_of(const char* p) {
  Marks m;
#pragma GCC unroll 4
  for (int q = 0; q < 4; ++q) {
    const char* at = p + 16 * q;
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
    const __m128i one_on = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at + 1));
    const __m128i two_on = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at + 2));
    const __m128i letter = in_range(v, 'a', 'z');
    const __m128i symbol = _mm_or_si128(in_range(v, '!', '@'), equal_to(v, '|'));
    const __m128i triple = _mm_and_si128(letter, _mm_and_si128(_mm_cmpeq_epi8(v, one_on), _mm_cmpeq_epi8(v, two_on)));
    const int shift = 16 * q;
    m.letters |= std::uint64_t{bits_of(letter)} << shift;
    m.symbols |= std::uint64_t{bits_of(symbol)} << shift;
    m.triples |= std::uint64_t{bits_of(triple)} << shift;
  }
  return m;
}

#ifdef SMPOLICY_X86_AVX2
__attribute__((target("avx2"))) inline __m256i in_range32(__m256i v, char lo, char hi) {
  const __m256i moved = _mm256_add_epi8(v, _mm256_set1_epi8(static_cast<char>(0x80 - lo)));
  return _mm256_cmpgt_epi8(_mm256_set1_epi8(static_cast<char>(-128 + (hi - lo) + 1)), moved);
}
__attribute__((target("avx2"))) inline std::uint64_t bits32(__m256i lanes) {
  return static_cast<unsigned>(_mm256_movemask_epi8(lanes));
}

// marks_of on a machine with AVX2: 32 bytes a step, where marks_of takes 16.
__attribute__((target("avx2"))) inline Marks marks_of_avx2(const char* p) {
  Marks m;
#pragma GCC unroll 2
  for (int q = 0; q < 2; ++q) {
    const char* at = p + 32 * q;
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(at));
    const __m256i one_on = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(at + 1));
    const __m256i two_on = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(at + 2));
    const __m256i letter = in_range32(v, 'a', 'z');
    const __m256i symbol = _mm256_or_si256(in_range32(v, '!', '@'), _mm256_cmpeq_epi8(v, _mm256_set1_epi8('|')));
    const __m256i triple =
        _mm256_and_si256(letter, _mm256_and_si256(_mm256_cmpeq_epi8(v, one_on), _mm256_cmpeq_epi8(v, two_on)));
    const int shift = 32 * q;
    m.letters |= bits32(letter) << shift;
    m.symbols |= bits32(symbol) << shift;
    m.triples |= bits32(triple) << shift;
  }
  return m;
}
#endif

// The marks of s[base, base + 64) by `marks`; past the end the bytes read as 0, which is
// no letter and no symbol. The text is read in place where 66 bytes can be, else from a copy.
template <Marks (*marks)(const char*)>
[[gnu::always_inline]] inline Marks marks_at(std::string_view s, std::size_t base) {
  if (base >= s.size()) return {};
  if (base + 66 <= s.size()) return marks(s.data() + base);
  alignas(32) char padded[96] = {};
  std::memcpy(padded, s.data() + base, s.size() - base);
  return marks(padded);
}

template <Marks (*marks)(const char*)>
[[gnu::always_inline]] inline Tricks tricks_by(std::string_view s) {
  Tricks found;
  Marks here = marks_at<marks>(s, 0);
  std::uint64_t before = 0;   // whether the byte before these 64 is a letter
  std::uint64_t spacing = 0;  // a bit for each place spacing was seen
  for (std::size_t base = 0; base < s.size() && !(found.leet && spacing != 0); base += 64) {
    const Marks after = marks_at<marks>(s, base + 64);
    const std::uint64_t l = here.letters, next = after.letters;
    // Whether the byte 1 on is a letter; the letters that end a word, here and in the first
    // two of the next 64 (the second of which reads bit 2 of `next`).
    const std::uint64_t on1 = (l >> 1) | (next << 63);
    const std::uint64_t ends = l & ~on1, next_ends = next & ~(next >> 1);
    // A lone letter (one that ends a word and opens it) with the end of a word two on,
    // which, as the byte between is no letter, is a lone letter too ("f u c k").
    const std::uint64_t lone = ends & ~((l << 1) | before);
    const std::uint64_t lone_pairs = lone & ((ends >> 2) | (next_ends << 62));
    spacing |= lone_pairs | here.triples;
    for (std::uint64_t maybe = here.symbols & on1; maybe != 0 && !found.leet; maybe &= maybe - 1) {
      std::size_t i = base + static_cast<std::size_t>(std::countr_zero(maybe));
      found.leet = leet(s[i]) && (i == 0 || letter(s[i - 1]) || s[i] == '@' || s[i] == '$');
    }
    before = l >> 63;
    here = after;
  }
  found.spacing = spacing != 0;
  return found;
}

#endif

#ifdef SMPOLICY_X86_AVX2
// The looks compiled whole for AVX2, so each block's marks are made in line, with their
// constants kept in registers from block to block; and with BMI's bit instructions
// (cpu_has_avx2 vouches for them too), which combine the masks in fewer steps.
__attribute__((target("avx2,bmi,bmi2"))) Tricks tricks_by_avx2(std::string_view s) { return tricks_by<marks_of_avx2>(s); }
#endif

}  // namespace

bool spacing_near(std::string_view s, std::size_t begin, std::size_t end) {
  const std::size_t n = s.size();
  auto letter_at = [&](std::size_t i) { return i < n && letter(s[i]); };
  for (std::size_t i = begin >= 3 ? begin - 3 : 0; i <= end && i < n; ++i) {
    if (!letter(s[i])) continue;
    // A letter inside a word can only open a triple; one at a word's end, a lone pair.
    if (letter_at(i + 1)) {
      if (i + 2 < n && s[i + 1] == s[i] && s[i + 2] == s[i]) return true;
    } else if ((i == 0 || !letter(s[i - 1])) && letter_at(i + 2) && !letter_at(i + 3)) {
      return true;
    }
  }
  return false;
}

std::size_t next_undo_by_byte(std::string_view s, std::size_t i) {
  while (i < s.size() && !may_undo_at(s, i)) ++i;
  return std::min(i, s.size());
}

std::size_t next_undo(std::string_view s, std::size_t i) {
#if defined(__SSE2__)
  // Each block of sixteen reads the byte before it and the two after, so the first byte
  // of the text is looked at alone.
  if (i >= s.size()) return s.size();
  if (i == 0) {
    if (may_undo_at(s, 0)) return 0;
    i = 1;
  }
  for (; i + 18 <= s.size(); i += 16) {
    const char* p = s.data() + i;
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i back = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p - 1));
    const __m128i on1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1));
    const __m128i on2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 2));
    const __m128i triple = _mm_and_si128(_mm_cmpeq_epi8(v, on1), _mm_cmpeq_epi8(v, on2));
    const __m128i spacer = _mm_or_si128(_mm_or_si128(equal_to(on1, '.'), equal_to(on1, '-')),
                                        _mm_or_si128(_mm_or_si128(equal_to(on1, '_'), equal_to(on1, '*')),
                                                     _mm_or_si128(equal_to(on1, '~'), equal_to(on1, ' '))));
    const __m128i alnum_back = _mm_or_si128(in_range(back, 'a', 'z'), _mm_or_si128(in_range(back, '0', '9'), in_range(back, 'A', 'Z')));
    // A spacer is no letter, so a letter before one is never a triple's first.
    const __m128i place = _mm_and_si128(in_range(v, 'a', 'z'), _mm_or_si128(triple, _mm_andnot_si128(alnum_back, spacer)));
    if (const unsigned bits = bits_of(place)) return i + static_cast<std::size_t>(std::countr_zero(bits));
  }
#endif
  return next_undo_by_byte(s, i);
}

Tricks tricks_by_byte(std::string_view s) { return {may_have_leet(s), may_have_spacing(s)}; }

Tricks tricks_by_16(std::string_view s) {
#if defined(__SSE2__)
  return tricks_by<marks_of>(s);
#else
  return tricks_by_byte(s);
#endif
}

Tricks tricks_in(std::string_view s) {
#ifdef SMPOLICY_X86_AVX2
  if (cpu_has_avx2()) return tricks_by_avx2(s);
#endif
  return tricks_by_16(s);
}

}  // namespace smpolicy::deobfuscate_detail
