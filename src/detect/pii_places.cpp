// Where the shapes could open: the few places in a text each shape scanner visits, and
// the rarer bytes some scanners need at all, found in one pass over the text.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

#include "core/core.hpp"  // SMPOLICY_X86_AVX2
#include "detect/pii.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#ifdef SMPOLICY_X86_AVX2
#include <immintrin.h>
#endif

namespace smpolicy {
namespace {

using namespace shape_chars;

// Whether the word at i, opening with a letter, could open a postcode or an NI number:
// the first tests of both scanners. A postcode's letters are followed by a digit ("m1",
// "sw1a"); an NI number's two by the digits, a bracket, or a space and then one of those.
[[gnu::always_inline]] inline bool could_open_code(std::string_view s, std::size_t i) {
  auto opens_number = [&](std::size_t j) { return digit(s[j]) || s[j] == '(' || s[j] == ')'; };
  return i + 5 <= s.size() &&
         (digit(s[i + 1]) || (alpha(s[i + 1]) && (opens_number(i + 2) || (s[i + 2] == ' ' && (opens_number(i + 3) || s[i + 3] == ' ')))));
}

// Bit k of each mask says what byte k of 64 is. Digits and brackets are the anchors the
// places are found from; '/', '+' and '@' are rare in posts, so they share the mask and
// are told apart where one is found.
struct Marks {
  std::uint64_t marked = 0;  // digits, brackets, '/', '+' and '@'
  std::uint64_t ws = 0;      // 'w', which opens "www."
};

// The marks of the 64 bytes at p, one byte at a time: what the wider readings must give.
Marks marks_by_byte(const char* p) {
  Marks m;
  for (int k = 0; k < 64; ++k) {
    const char c = p[k];
    const std::uint64_t bit = std::uint64_t{1} << k;
    if (digit(c) || c == '(' || c == ')' || c == '/' || c == '+' || c == '@') m.marked |= bit;
    if (c == 'w') m.ws |= bit;
  }
  return m;
}

#if defined(__SSE2__)
unsigned bits_of(__m128i lanes) { return static_cast<unsigned>(_mm_movemask_epi8(lanes)); }
__m128i equal_to(__m128i v, char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); }

// The marks of the 64 bytes at p, sixteen at a time (every x86-64 has SSE2).
Marks marks_by_16(const char* p) {
  Marks m;
#pragma GCC unroll 4
  for (int q = 0; q < 4; ++q) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * q));
    // As signed bytes, those from 0x80 are below '0', so the range test leaves them out.
    const __m128i digits = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    const __m128i brackets = _mm_or_si128(equal_to(v, '('), equal_to(v, ')'));
    const __m128i rare = _mm_or_si128(equal_to(v, '/'), _mm_or_si128(equal_to(v, '+'), equal_to(v, '@')));
    const int shift = 16 * q;
    m.marked |= std::uint64_t{bits_of(_mm_or_si128(digits, _mm_or_si128(brackets, rare)))} << shift;
    m.ws |= std::uint64_t{bits_of(equal_to(v, 'w'))} << shift;
  }
  return m;
}
#endif

#ifdef SMPOLICY_X86_AVX2
__attribute__((target("avx2"))) inline std::uint64_t bits32(__m256i lanes) {
  return static_cast<unsigned>(_mm256_movemask_epi8(lanes));
}

// marks_by_16 on a machine with AVX2, 32 bytes a step, each byte classed by two table
// look-ups, one by its low half and one by its high half: a byte is of a class when both
// halves have the class's bit. Three bits make the marked bytes ('(' ')' '+' '/' are 0x2_,
// the digits 0x3_, '@' 0x4_) and the top bit 'w', so that a class byte of 1 to 0x7F is a
// marked byte and its top bit is the 'w' mask as it stands. A byte from 0x80 looks up 0 by
// its low half, so it is of no class.
__attribute__((target("avx2"))) inline Marks marks_by_32(const char* p) {
  const __m256i by_low = _mm256_setr_epi8(0x06, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02, static_cast<char>(0x82), 0x03, 0x03, 0, 0x01, 0, 0, 0, 0x01,
                                          0x06, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02, static_cast<char>(0x82), 0x03, 0x03, 0, 0x01, 0, 0, 0, 0x01);
  const __m256i by_high = _mm256_setr_epi8(0, 0, 0x01, 0x02, 0x04, 0, 0, static_cast<char>(0x80), 0, 0, 0, 0, 0, 0, 0, 0,
                                           0, 0, 0x01, 0x02, 0x04, 0, 0, static_cast<char>(0x80), 0, 0, 0, 0, 0, 0, 0, 0);
  Marks m;
#pragma GCC unroll 2
  for (int q = 0; q < 2; ++q) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32 * q));
    const __m256i high = _mm256_and_si256(_mm256_srli_epi16(v, 4), _mm256_set1_epi8(0x0F));
    const __m256i cls = _mm256_and_si256(_mm256_shuffle_epi8(by_low, v), _mm256_shuffle_epi8(by_high, high));
    const int shift = 32 * q;
    m.marked |= bits32(_mm256_cmpgt_epi8(cls, _mm256_setzero_si256())) << shift;
    m.ws |= bits32(cls) << shift;
  }
  return m;
}
#endif

// The marks of s[base, base + 64), none past the end. Read in place where 64 bytes can
// be; the last few bytes of a longer text are read as the last 64 and the bytes before
// `base` shifted out, and only a text under 64 bytes is read from a copy.
template <Marks (*marks)(const char*)>
[[gnu::always_inline]] inline Marks marks_at(std::string_view s, std::size_t base) {
  if (base + 64 <= s.size()) return marks(s.data() + base);
  if (s.size() >= 64) {
    const Marks m = marks(s.data() + s.size() - 64);
    const std::size_t seen = base + 64 - s.size();
    return {m.marked >> seen, m.ws >> seen};
  }
  alignas(32) char padded[64] = {};
  std::memcpy(padded, s.data() + base, s.size() - base);
  return marks(padded);
}

// Kept from post to post, so never freed; after an outsized text (a 1 MB upload) the next
// ordinary one gives the memory back.
[[gnu::noinline]] void give_back(Places& places) {
  for (auto* list : {&places.digits, &places.coded, &places.links}) std::vector<std::size_t>().swap(*list);
}

[[gnu::always_inline]] inline void clear(Places& places, std::size_t text_size) {
  constexpr std::size_t k_keep = std::size_t{1} << 16;
  if (text_size <= k_keep && (places.digits.capacity() > k_keep || places.coded.capacity() > k_keep || places.links.capacity() > k_keep)) {
    give_back(places);
  }
  places.digits.clear();
  places.coded.clear();
  places.links.clear();
}

// Every shape but a link has a digit or a bracket within four bytes of where it opens (a
// postcode's or NI number's letters come first), and those bytes are few, so the search
// goes from each of them, at p, back to the words just before. `looked`: the bytes before
// it were looked at already. Returns whether s[p] is a digit.
[[gnu::always_inline]] inline bool at_anchor(std::string_view s, std::size_t p, std::size_t& looked, Places& places) {
  for (std::size_t i = std::max(looked, p >= 4 ? p - 4 : 0); i < p; ++i) {
    if (alpha(s[i]) && boundary_before(s, i) && could_open_code(s, i)) places.coded.push_back(i);
  }
  looked = p;
  if (!digit(s[p])) return false;
  if (boundary_before(s, p)) places.digits.push_back(p);
  return true;
}

// "https://" and "http://" need a slash, and so does a bare shortener link ("bit.ly/x");
// in a text with one, every word that opens with such a letter may open a link.
void links_after_slash(std::string_view s, bool bare_links, Places& places) {
  places.links.clear();
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (alpha(s[i]) && boundary_before(s, i) && (s[i] == 'w' || s[i] == 'h' || bare_links)) places.links.push_back(i);
  }
}

template <Marks (*marks)(const char*)>
[[gnu::always_inline]] inline void places_by(std::string_view s, bool shorteners, Places& places) {
  clear(places, s.size());
  // Kept here, not in `places`, so that they stay in registers through the pass.
  bool any_digit = false, slash = false, plus = false, at = false;
  std::size_t looked = 0;
  for (std::size_t base = 0; base < s.size(); base += 64) {
    const Marks m = marks_at<marks>(s, base);
    for (std::uint64_t a = m.marked; a != 0; a &= a - 1) {
      const std::size_t p = base + static_cast<std::size_t>(std::countr_zero(a));
      if (s[p] == '/') slash = true;
      else if (s[p] == '+') plus = true;
      else if (s[p] == '@') at = true;
      else any_digit |= at_anchor(s, p, looked, places);
    }
    // Without a slash only "www." opens a link (links_after_slash redoes these otherwise):
    // only a 'w' before another, or the last of the 64, needs a look.
    for (std::uint64_t w = m.ws & ((m.ws >> 1) | (std::uint64_t{1} << 63)); w != 0; w &= w - 1) {
      const std::size_t i = base + static_cast<std::size_t>(std::countr_zero(w));
      bool www = i + 4 <= s.size() && s[i + 1] == 'w' && s[i + 2] == 'w' && s[i + 3] == '.';
      if (www && boundary_before(s, i)) places.links.push_back(i);
    }
  }
  places.any_digit = any_digit;
  places.slash = slash;
  places.plus = plus;
  places.at = at;
  if (slash) links_after_slash(s, shorteners, places);
}

#ifdef SMPOLICY_X86_AVX2
// The pass compiled whole for AVX2, so each block's marks are made in line.
__attribute__((target("avx2"))) void places_by_32(std::string_view s, bool shorteners, Places& places) {
  places_by<marks_by_32>(s, shorteners, places);
}
#endif

// Each reading a function of its own, so that find_places, which picks one, stays small.
[[gnu::noinline]] void places_by_16(std::string_view s, bool shorteners, Places& places) {
#if defined(__SSE2__)
  places_by<marks_by_16>(s, shorteners, places);
#else
  places_by<marks_by_byte>(s, shorteners, places);
#endif
}
[[gnu::noinline]] void places_by_byte(std::string_view s, bool shorteners, Places& places) {
  places_by<marks_by_byte>(s, shorteners, places);
}

}  // namespace

void find_places(std::string_view text, bool shorteners, Places& places, Reading reading) {
#ifdef SMPOLICY_X86_AVX2
  if (reading == Reading::widest && cpu_has_avx2()) return places_by_32(text, shorteners, places);
#endif
  if (reading == Reading::by_byte) return places_by_byte(text, shorteners, places);
  places_by_16(text, shorteners, places);
}

}  // namespace smpolicy
