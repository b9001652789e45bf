// Dates, and the cues that say a date is someone's birth (pii.hpp).
#include <algorithm>
#include <iterator>

#include "detect/pii.hpp"

namespace smpolicy {

using namespace shape_chars;

namespace {
constexpr std::string_view k_cues[] = {"born", "dob", "d.o.b", "date of birth", "birthday", "birth date"};
constexpr std::string_view k_months[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
}  // namespace

bool birth_cue_anywhere(std::string_view s) {
  for (std::size_t b = s.find('b'); b != std::string_view::npos; b = s.find('b', b + 1)) {
    if (birth_cue_at(s, b)) return true;
  }
  return false;
}

bool birth_cue_before(std::string_view s, std::size_t i) {
  std::string_view before = s.substr(i >= 30 ? i - 30 : 0, i >= 30 ? 30 : i);
  return std::any_of(std::begin(k_cues), std::end(k_cues), [&](std::string_view c) { return before.find(c) != std::string_view::npos; });
}

std::size_t date_end(std::string_view s, std::size_t i) {
  std::size_t j = i;
  while (j < s.size() && digit(s[j])) ++j;
  std::size_t first = j - i;
  if (j < s.size() && (s[j] == '/' || s[j] == '-' || s[j] == '.') && (first == 1 || first == 2 || first == 4)) {
    char sep = s[j];
    std::size_t k = j + 1, m = k;
    while (m < s.size() && digit(s[m])) ++m;
    if (m - k < 1 || m - k > 2 || m >= s.size() || s[m] != sep) return i;
    std::size_t y = m + 1, z = y;
    while (z < s.size() && digit(s[z])) ++z;
    bool ok = first == 4 ? (z - y >= 1 && z - y <= 2) : z - y == 4;
    return ok && boundary_after(s, z) ? z : i;
  }
  if (first < 1 || first > 2) return i;
  if (s.compare(j, 2, "st") == 0 || s.compare(j, 2, "nd") == 0 || s.compare(j, 2, "rd") == 0 || s.compare(j, 2, "th") == 0) j += 2;
  if (j >= s.size() || s[j] != ' ') return i;
  std::size_t w = j + 1;
  if (std::none_of(std::begin(k_months), std::end(k_months), [&](std::string_view m) { return s.compare(w, 3, m) == 0; })) return i;
  while (w < s.size() && alpha(s[w])) ++w;
  if (w + 5 > s.size() || s[w] != ' ') return i;
  std::size_t y = w + 1;
  for (std::size_t d = 0; d < 4; ++d) {
    if (!digit(s[y + d])) return i;
  }
  return boundary_after(s, y + 4) ? y + 4 : i;
}

}  // namespace smpolicy
