// The lexicon's view of a text: the tricks people use to get a word past a filter undone,
// byte by byte, so every match still maps back to the original text.
#include <array>
#include <bit>
#include <cctype>
#include <cstring>
#include <string_view>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define SMPOLICY_AVX2_MARKS 1
#endif

#include "detect/detect.hpp"

namespace smpolicy {
namespace {

bool letter(char c) { return c >= 'a' && c <= 'z'; }
// std::isalnum in the "C" locale, which the program never leaves, without a call.
bool alnum(char c) { return letter(c) || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); }

// Digits and symbols that stand in for letters inside a word ("sh1t", "@ss", "b!tch"), by
// byte: a table, as it is read for every byte of every post.
constexpr std::array<char, 256> k_leet = [] {
  std::array<char, 256> table{};
  for (auto [from, to] : {std::pair{'0', 'o'}, {'1', 'i'}, {'3', 'e'}, {'4', 'a'}, {'5', 's'}, {'7', 't'}, {'@', 'a'},
                          {'$', 's'}, {'!', 'i'}, {'|', 'l'}, {'+', 't'}}) {
    table[static_cast<unsigned char>(from)] = to;
  }
  return table;
}();

char leet(char c) { return k_leet[static_cast<unsigned char>(c)]; }

// Bytes of a token that may hold leetspeak: letters, digits, '*' and the look-alikes.
constexpr std::array<bool, 256> k_token = [] {
  std::array<bool, 256> table{};
  for (unsigned b = 0; b < 256; ++b) {
    char c = static_cast<char>(b);
    table[b] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '*' || k_leet[b];
  }
  return table;
}();

bool token_char(char c) { return k_token[static_cast<unsigned char>(c)]; }


// Quick looks for whether a pass has anything to undo, so most posts skip the copying.
struct Tricks {
  bool leet = false, spacing = false;
};

// The looks one byte at a time: what tricks_in must answer, and its answer where there
// is no SSE2.
[[maybe_unused]] bool may_have_leet(std::string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (leet(s[i]) && letter(s[i + 1]) && (i == 0 || letter(s[i - 1]) || s[i] == '@' || s[i] == '$')) return true;
  }
  return false;
}

// A lone letter with another lone letter two on ("f u c k"), or a letter three times
// over ("fuuuck"); looked for run by run of letters, since only those lengths can show it.
[[maybe_unused]] bool may_have_spacing(std::string_view s) {
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

#ifdef SMPOLICY_AVX2_MARKS
__attribute__((target("avx2"))) inline __m256i in_range32(__m256i v, char lo, char hi) {
  const __m256i moved = _mm256_add_epi8(v, _mm256_set1_epi8(static_cast<char>(0x80 - lo)));
  return _mm256_cmpgt_epi8(_mm256_set1_epi8(static_cast<char>(-128 + (hi - lo) + 1)), moved);
}
__attribute__((target("avx2"))) inline std::uint64_t bits32(__m256i lanes) {
  return static_cast<unsigned>(_mm256_movemask_epi8(lanes));
}

// marks_of on a machine with AVX2: 32 bytes a step, where marks_of takes 16.
__attribute__((target("avx2"))) Marks marks_of_avx2(const char* p) {
  Marks m;
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
Marks marks_at(std::string_view s, std::size_t base) {
  if (base >= s.size()) return {};
  if (base + 66 <= s.size()) return marks(s.data() + base);
  alignas(32) char padded[96] = {};
  std::memcpy(padded, s.data() + base, s.size() - base);
  return marks(padded);
}

template <Marks (*marks)(const char*)>
Tricks tricks_by(std::string_view s) {
  Tricks found;
  Marks here = marks_at<marks>(s, 0);
  std::uint64_t before = 0;   // whether the byte before these 64 is a letter
  std::uint64_t spacing = 0;  // a bit for each place spacing was seen
  for (std::size_t base = 0; base < s.size() && !(found.leet && spacing != 0); base += 64) {
    const Marks after = marks_at<marks>(s, base + 64);
    const std::uint64_t l = here.letters, next = after.letters;
    // Whether the byte 1 back, and 1, 2 and 3 on, is a letter.
    const std::uint64_t back1 = (l << 1) | before, on1 = (l >> 1) | (next << 63), on2 = (l >> 2) | (next << 62),
                        on3 = (l >> 3) | (next << 61);
    // A lone letter with another lone letter two on ("f u c k").
    const std::uint64_t lone_pairs = l & ~back1 & ~on1 & on2 & ~on3;
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

Tricks tricks_in(std::string_view s) {
#ifdef SMPOLICY_AVX2_MARKS
  static const bool k_avx2 = __builtin_cpu_supports("avx2");
  if (k_avx2) return tricks_by<marks_of_avx2>(s);
#endif
  return tricks_by<marks_of>(s);
}
#else
Tricks tricks_in(std::string_view s) { return {may_have_leet(s), may_have_spacing(s)}; }
#endif

// Pass 1, for one token s[i, end): substitutes its look-alikes when it is mostly letters.
void undo_leet_token(std::string& s, std::size_t i, std::size_t end) {
  int letters = 0;
  for (std::size_t j = i; j < end; ++j) letters += letter(s[j]);
  std::size_t first_letter = i, last_letter = end;
  while (first_letter < end && !letter(s[first_letter])) ++first_letter;
  while (last_letter > i && !letter(s[last_letter - 1])) --last_letter;
  for (std::size_t j = i; j < end && letters >= 2; ++j) {
    char c = s[j], sub = leet(c);
    // Digits count as letters only inside a word ("sh1t", "n00b"), never at its edges
    // ("3pm", "4th", "covid19"); '@' and '$' may also open one ("@ss", "$hit").
    bool inside = j > first_letter && j < last_letter;
    bool opening = (c == '@' || c == '$') && j < first_letter;
    if (sub && (inside || opening)) s[j] = sub;
  }
}

// Pass 1: substitutes look-alike digits and symbols in tokens that are mostly letters.
// Byte for byte, so the map back to the original is the input's, moved. Only a token
// holding a look-alike can change, so each is found from its first look-alike, which the
// C library finds quickly (stopping at a zero byte too, which is no look-alike).
NormalisedText undo_leet(NormalisedText in) {
  static constexpr const char* k_look_alikes = "013457@$!|+";
  std::string& s = in.text;
  for (std::size_t at = std::strcspn(s.c_str(), k_look_alikes); at < s.size(); at += std::strcspn(s.c_str() + at, k_look_alikes)) {
    if (s[at] == '\0') {
      ++at;
      continue;
    }
    std::size_t i = at, end = at;
    while (i > 0 && token_char(s[i - 1])) --i;
    while (end < s.size() && token_char(s[end])) ++end;
    undo_leet_token(s, i, end);
    at = end;
  }
  return in;
}

// Length of a run "f.u.c.k" starting at i: letters joined by one repeated separator.
// Returns the index one past the last letter, or i when there is no such run.
std::size_t spaced_run(const std::string& s, std::size_t i) {
  if (!letter(s[i]) || (i > 0 && std::isalnum(static_cast<unsigned char>(s[i - 1])))) return i;
  char next = s[i + 1];
  if (i + 2 >= s.size() || !(next == '.' || next == '-' || next == '_' || next == '*' || next == '~' || next == ' ')) return i;
  char sep = s[i + 1];
  std::size_t j = i, last = i, count = 0;
  // Each step: a lone letter, then the separator and another lone letter, or stop.
  while (j < s.size() && letter(s[j]) && (j + 1 >= s.size() || !letter(s[j + 1]))) {
    ++count;
    last = j;
    if (j + 2 < s.size() && s[j + 1] == sep && letter(s[j + 2])) j += 2;
    else break;
  }
  j = last;
  std::size_t minimum = sep == ' ' ? 4 : 3;
  return count >= minimum ? j + 1 : i;
}

// Whether undo_spacing may change anything from s[i]: a letter that starts three of itself,
// or one that passes spaced_run's first tests. Most bytes are neither, and this says so in
// a few compares, where spaced_run and the count of a run cost several times that.
bool may_undo_at(const std::string& s, std::size_t i) {
  const char c = s[i];
  if (!letter(c) || i + 2 >= s.size()) return false;
  const char next = s[i + 1];
  if (next == c) return s[i + 2] == c;
  const bool spacer = next == '.' || next == '-' || next == '_' || next == '*' || next == '~' || next == ' ';
  return spacer && (i == 0 || !alnum(s[i - 1]));
}

// Pass 2: joins spaced-out letters and shortens stretched ones ("fuuuuck").
NormalisedText undo_spacing(const NormalisedText& in) {
  const std::string& s = in.text;
  // The view only ever shrinks, so it is written in place and cut to length at the end.
  NormalisedText out;
  out.text.resize(s.size());
  out.from.resize(s.size());
  out.to.resize(s.size());
  std::size_t n = 0;
  auto copy = [&](std::size_t j) {
    out.text[n] = s[j];
    out.from[n] = in.begin_of(j);
    out.to[n] = in.end_of(j);
    ++n;
  };
  // The bytes [from, to), which nothing changes, copied whole with their map.
  auto copy_range = [&](std::size_t from, std::size_t to) {
    const std::size_t count = to - from;
    std::memcpy(out.text.data() + n, s.data() + from, count);
    if (in.from.empty()) {
      for (std::size_t j = 0; j < count; ++j) {
        out.from[n + j] = static_cast<std::uint32_t>(from + j);
        out.to[n + j] = static_cast<std::uint32_t>(from + j + 1);
      }
    } else {
      std::memcpy(out.from.data() + n, in.from.data() + from, count * sizeof(std::uint32_t));
      std::memcpy(out.to.data() + n, in.to.data() + from, count * sizeof(std::uint32_t));
    }
    n += count;
  };
  for (std::size_t i = 0; i < s.size();) {
    if (!may_undo_at(s, i)) {
      std::size_t j = i + 1;
      while (j < s.size() && !may_undo_at(s, j)) ++j;
      copy_range(i, j);
      i = j;
      continue;
    }
    if (std::size_t end = spaced_run(s, i); end > i) {
      // "a s h i t": the article stands apart; the run proper starts after it.
      if ((s[i] == 'a' || s[i] == 'i') && s[i + 1] == ' ' && spaced_run(s, i + 2) > i + 2) {
        copy(i);
        copy(i + 1);
        i += 2;
        continue;
      }
      for (std::size_t j = i; j < end; j += 2) copy(j);
      i = end;
      continue;
    }
    std::size_t run = i + 1;
    while (run < s.size() && s[run] == s[i]) ++run;
    if (letter(s[i]) && run - i >= 3) {
      copy(i);  // three or more of a letter read as one
      i = run;
      continue;
    }
    copy(i);
    ++i;
  }
  out.text.resize(n);
  out.from.resize(n);
  out.to.resize(n);
  return out;
}

}  // namespace

NormalisedText deobfuscate(NormalisedText plain) {
  auto [leet, spacing] = tricks_in(plain.text);
  if (!leet && !spacing) return plain;  // most posts: the plain view, moved, not copied
  if (!leet) return undo_spacing(plain);
  NormalisedText unleeted = undo_leet(std::move(plain));
  return spacing || tricks_in(unleeted.text).spacing ? undo_spacing(unleeted) : unleeted;
}

}  // namespace smpolicy
