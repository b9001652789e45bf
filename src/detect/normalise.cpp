// The one file that sees utf8proc. Two views of a text, each byte mapped back to the
// original: the plain view (NFKC, case folded, accents stripped, look-alike letters
// mapped) and the de-obfuscated view the lexicon is matched on (leetspeak, spaced-out
// letters and stretched words undone).
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "core/core.hpp"  // SMPOLICY_X86_AVX2

#ifdef SMPOLICY_X86_AVX2
#include <immintrin.h>
#endif

#include "detect/detect.hpp"

namespace smpolicy {
namespace {

// Letters from other scripts that look like Latin ones and are used to dodge filters.
char32_t look_alike(char32_t cp) {
  switch (cp) {
    case 0x0430: case 0x0410: case 0x03B1: case 0x0391: return 'a';
    case 0x0432: case 0x0412: case 0x03B2: case 0x0392: return 'b';
    case 0x0441: case 0x0421: case 0x03F2: return 'c';
    case 0x0435: case 0x0415: case 0x0451: case 0x03B5: case 0x0395: return 'e';
    case 0x043D: case 0x041D: case 0x0397: return 'h';
    case 0x0456: case 0x0406: case 0x03B9: case 0x0399: return 'i';
    case 0x0458: case 0x0408: return 'j';
    case 0x043A: case 0x041A: case 0x03BA: case 0x039A: return 'k';
    case 0x043C: case 0x041C: case 0x039C: return 'm';
    case 0x03BD: case 0x039D: return 'n';
    case 0x043E: case 0x041E: case 0x03BF: case 0x039F: return 'o';
    case 0x0440: case 0x0420: case 0x03C1: case 0x03A1: return 'p';
    case 0x0455: case 0x0405: return 's';
    case 0x0442: case 0x0422: case 0x03C4: case 0x03A4: return 't';
    case 0x0443: case 0x0423: case 0x03C5: return 'y';
    case 0x0445: case 0x0425: case 0x03C7: case 0x03A7: return 'x';
    case 0x2018: case 0x2019: case 0x201B: case 0x02BC: case 0x2032: return '\'';
    case 0x201C: case 0x201D: case 0x201F: case 0x2033: return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return '-';
    default: return 0;
  }
}

// Characters that are invisible and only serve to split a word.
bool invisible(char32_t cp) {
  return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 || cp == 0xFEFF ||
         (cp >= 0xFE00 && cp <= 0xFE0F);
}

class Builder {
 public:
  explicit Builder(std::size_t reserve) {
    m_out.text.reserve(reserve);
    m_out.from.reserve(reserve);
    m_out.to.reserve(reserve);
  }
  void put(char c, std::uint32_t from, std::uint32_t to) {
    m_out.text.push_back(c);
    m_out.from.push_back(from);
    m_out.to.push_back(to);
  }
  void put_code_point(char32_t cp, std::uint32_t from, std::uint32_t to) {
    std::array<std::uint8_t, 4> bytes{};
    auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), bytes.data());
    for (utf8proc_ssize_t i = 0; i < n; ++i) put(static_cast<char>(bytes[static_cast<std::size_t>(i)]), from, to);
  }
  NormalisedText take() { return std::move(m_out); }

 private:
  NormalisedText m_out;
};

void put_non_ascii(Builder& out, char32_t cp, std::uint32_t from, std::uint32_t to) {
  if (invisible(cp)) return;
  if (char32_t mapped = look_alike(cp)) {
    out.put(static_cast<char>(mapped), from, to);
    return;
  }
  std::array<utf8proc_int32_t, 18> buf{};
  int boundclass = UTF8PROC_BOUNDCLASS_START;
  auto n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), buf.data(), buf.size(),
                                   static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                                                  UTF8PROC_STRIPMARK | UTF8PROC_IGNORE),
                                   &boundclass);
  if (n < 0 || n > static_cast<utf8proc_ssize_t>(buf.size())) {
    out.put(' ', from, to);
    return;
  }
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    auto c = static_cast<char32_t>(buf[static_cast<std::size_t>(i)]);
    if (c < 0x80) out.put(static_cast<char>(std::tolower(static_cast<int>(c))), from, to);
    else if (char32_t mapped = look_alike(c)) out.put(static_cast<char>(mapped), from, to);
    else out.put_code_point(c, from, to);
  }
}

// Lowers printable ASCII bytes from `i` on, one at a time; false at any other byte.
bool lower_bytes(std::string_view in, char* out, std::size_t i) {
  for (; i < in.size(); ++i) {
    auto u = static_cast<unsigned char>(in[i]);
    if (u < 0x20 || u >= 0x7F) return false;
    out[i] = u >= 'A' && u <= 'Z' ? static_cast<char>(u + ('a' - 'A')) : static_cast<char>(u);
  }
  return true;
}

#if defined(__SSE2__)
// Printable ASCII, the common case, only needs lower case, and is done sixteen bytes at
// a time into out[0, in.size()). False, with `out` unspecified, when any byte is not
// printable ASCII.
bool lower_printable_ascii(std::string_view in, char* out) {
  // Lowers in[at, at + 16); false if a byte there is not printable. Signed compares, so
  // bytes from 0x80 up (negative) fail "above 0x1F" too.
  auto block = [&](std::size_t at) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in.data() + at));
    __m128i printable = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x1F)), _mm_cmplt_epi8(v, _mm_set1_epi8(0x7F)));
    if (_mm_movemask_epi8(printable) != 0xFFFF) return false;
    __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
    v = _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + at), v);
    return true;
  };
  std::size_t i = 0;
  for (; i + 16 <= in.size(); i += 16) {
    if (!block(i)) return false;
  }
  if (i == in.size()) return true;
  // The last few bytes: the last sixteen again, as lowering twice changes nothing.
  if (in.size() >= 16) return block(in.size() - 16);
  return lower_bytes(in, out, i);
}
#else
// Printable ASCII, the common case, only needs lower case, and is done eight bytes at a
// time into out[0, in.size()). False, with `out` unspecified, when any byte is not
// printable ASCII.
bool lower_printable_ascii(std::string_view in, char* out) {
  constexpr std::uint64_t k_ones = 0x0101010101010101ull, k_highs = 0x8080808080808080ull;
  std::size_t i = 0;
  for (; i + 8 <= in.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, in.data() + i, sizeof w);
    // A high bit, a byte below 0x20, or a 0x7F (DEL) ends the fast path.
    bool below_space = ((w - 0x20 * k_ones) & ~w & k_highs) != 0;
    std::uint64_t del = w ^ (0x7F * k_ones);
    if ((w & k_highs) || below_space || ((del - k_ones) & ~del & k_highs)) return false;
    // Bytes are below 0x80, so these sums never carry into the next byte.
    std::uint64_t at_least_a = (w + (0x80 - 'A') * k_ones) & k_highs;
    std::uint64_t past_z = (w + (0x80 - 'Z' - 1) * k_ones) & k_highs;
    w |= (at_least_a & ~past_z) >> 2;  // 0x80 >> 2 is the case bit, 0x20
    std::memcpy(out + i, &w, sizeof w);
  }
  return lower_bytes(in, out, i);
}
#endif

#ifdef SMPOLICY_X86_AVX2
// Lowers in[0, 32) into out[0, 32); false if a byte there is not printable. Each range
// is one signed compare: adding 0x80 - low moves it to the bottom of the signed bytes.
__attribute__((target("avx2"))) inline bool lower_block32(const char* in, char* out) {
  const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in));
  const __m256i printable = _mm256_cmpgt_epi8(_mm256_set1_epi8(-128 + (0x7E - 0x20) + 1),
                                               _mm256_add_epi8(v, _mm256_set1_epi8(static_cast<char>(0x80 - 0x20))));
  if (_mm256_movemask_epi8(printable) != -1) return false;
  const __m256i upper = _mm256_cmpgt_epi8(_mm256_set1_epi8(-128 + ('Z' - 'A') + 1),
                                          _mm256_add_epi8(v, _mm256_set1_epi8(static_cast<char>(0x80 - 'A'))));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), _mm256_or_si256(v, _mm256_and_si256(upper, _mm256_set1_epi8(0x20))));
  return true;
}

// lower_printable_ascii on a machine with AVX2: 32 bytes a step, where it takes 16.
__attribute__((target("avx2"))) bool lower_printable_ascii_avx2(std::string_view in, char* out) {
  if (in.size() < 32) return lower_printable_ascii(in, out);
  std::size_t i = 0;
  for (; i + 32 <= in.size(); i += 32) {
    if (!lower_block32(in.data() + i, out + i)) return false;
  }
  // The last few bytes: the last 32 again, as they are read from `in`, not from `out`.
  return i == in.size() || lower_block32(in.data() + in.size() - 32, out + in.size() - 32);
}
#endif

// Printable ASCII lowered into `out`, by the widest steps the machine takes; false, with
// `out` unspecified, when any byte is not printable ASCII. The room is written without
// being cleared first, as every byte of it is overwritten.
bool lower_ascii(std::string_view in, std::string& out) {
  bool lowered = false;
  // The size handed to the lambda is not used: GCC 12's library may hand it more room than
  // was asked for (and keep that length) where a short string grows.
  out.resize_and_overwrite(in.size(), [&](char* room, std::size_t) {
#ifdef SMPOLICY_X86_AVX2
    if (cpu_has_avx2()) {
      lowered = lower_printable_ascii_avx2(in, room);
      return in.size();
    }
#endif
    lowered = lower_printable_ascii(in, room);
    return in.size();
  });
  return lowered;
}

// The text with any byte that is not printable ASCII, byte by byte, with its map.
NormalisedText normalise_mapped(std::string_view original) {
  Builder out(original.size());
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(original.data());
  std::size_t i = 0;
  while (i < original.size()) {
    auto c = static_cast<unsigned char>(original[i]);
    auto at = static_cast<std::uint32_t>(i);
    if (c < 0x80) {
      // The common case, kept off utf8proc: ASCII folds to lower case, controls to space.
      out.put(c < 0x20 || c == 0x7F ? ' ' : c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : static_cast<char>(c), at, at + 1);
      ++i;
      continue;
    }
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(original.size() - i), &cp);
    if (n <= 0) {  // invalid UTF-8: one byte becomes a space, nothing is lost or misread
      out.put(' ', at, at + 1);
      ++i;
      continue;
    }
    put_non_ascii(out, static_cast<char32_t>(cp), at, static_cast<std::uint32_t>(i + static_cast<std::size_t>(n)));
    i += static_cast<std::size_t>(n);
  }
  return out.take();
}

}  // namespace

void normalise_into(std::string_view original, NormalisedText& out) {
  if (lower_ascii(original, out.text)) {
    out.from.clear();
    out.to.clear();
    return;
  }
  out = normalise_mapped(original);
}

NormalisedText normalise(std::string_view original) {
  NormalisedText out;
  normalise_into(original, out);
  return out;
}

}  // namespace smpolicy
