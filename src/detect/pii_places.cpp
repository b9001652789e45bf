// Where the shapes could open: the few places in a text each shape scanner visits.
#include <algorithm>
#include <bit>

#include "detect/pii.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace smpolicy {
namespace {

using namespace shape_chars;

// Whether the word at i, opening with a letter, could open a postcode or an NI number:
// the first tests of both scanners. A postcode's letters are followed by a digit ("m1",
// "sw1a"); an NI number's two by the digits, a bracket, or a space and then one of those.
bool could_open_code(std::string_view s, std::size_t i) {
  auto opens_number = [&](std::size_t j) { return digit(s[j]) || s[j] == '(' || s[j] == ')'; };
  return i + 5 <= s.size() &&
         (digit(s[i + 1]) || (alpha(s[i + 1]) && (opens_number(i + 2) || (s[i + 2] == ' ' && (opens_number(i + 3) || s[i + 3] == ' ')))));
}

// Calls `each(p)` for every digit and bracket of `s`, in order. Sixteen bytes are tested
// at once where the machine has SSE2 (every x86-64), in one pass over the text: the C
// library's strcspn, called again after each find, cost more setting up than scanning.
template <typename Each>
void each_anchor(std::string_view s, Each each) {
  std::size_t i = 0;
#if defined(__SSE2__)
  for (; i + 16 <= s.size(); i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    // As signed bytes, those from 0x80 are below '0', so the range test leaves them out.
    __m128i digits = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    __m128i brackets = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('(')), _mm_cmpeq_epi8(v, _mm_set1_epi8(')')));
    auto marks = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(digits, brackets)));
    for (; marks; marks &= marks - 1) each(i + static_cast<std::size_t>(std::countr_zero(marks)));
  }
#endif
  for (; i < s.size(); ++i) {
    if (digit(s[i]) || s[i] == '(' || s[i] == ')') each(i);
  }
}

}  // namespace

// Every shape but a link has a digit or a bracket within four bytes of where it opens (a
// postcode's or NI number's letters come first), and those bytes are few, so the search
// goes from each of them back to the words just before.
bool find_places(const std::string& text, bool slash, bool bare_links, Places& places) {
  std::string_view s = text;
  // Kept from post to post, so never freed; after an outsized text (a 1 MB upload) the
  // next ordinary one gives the memory back.
  constexpr std::size_t k_keep = std::size_t{1} << 16;
  for (auto* list : {&places.digits, &places.coded, &places.links}) {
    if (list->capacity() > k_keep && s.size() <= k_keep) std::vector<std::size_t>().swap(*list);
    list->clear();
  }
  bool any_digit = false;
  std::size_t looked = 0;  // bytes before this were looked at as the start of a code
  each_anchor(s, [&](std::size_t p) {
    for (std::size_t i = std::max(looked, p >= 4 ? p - 4 : 0); i < p; ++i) {
      if (alpha(s[i]) && boundary_before(s, i) && could_open_code(s, i)) places.coded.push_back(i);
    }
    looked = std::max(looked, p);
    if (!digit(s[p])) return;
    any_digit = true;
    if (boundary_before(s, p)) places.digits.push_back(p);
  });
  // "https://" and "http://" need a slash, and so does a bare shortener link ("bit.ly/x");
  // without one, only "www." opens a link.
  if (slash) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (alpha(s[i]) && boundary_before(s, i) && (s[i] == 'w' || s[i] == 'h' || bare_links)) places.links.push_back(i);
    }
    return any_digit;
  }
  // Each 'w' is found by the C library and the three bytes after it looked at here: a
  // search for the whole word compares at every 'w' with a second call.
  for (std::size_t i = s.find('w'); i != std::string_view::npos; i = s.find('w', i + 1)) {
    bool www = i + 4 <= s.size() && s[i + 1] == 'w' && s[i + 2] == 'w' && s[i + 3] == '.';
    if (www && boundary_before(s, i)) places.links.push_back(i);
  }
  return any_digit;
}

}  // namespace smpolicy
