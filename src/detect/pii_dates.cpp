// Dates, and the cues that say a date is someone's birth (pii.hpp).
#include <algorithm>
#include <cstdint>
#include <iterator>

#include "detect/pii.hpp"

namespace smpolicy {

using namespace shape_chars;

namespace {
constexpr std::string_view k_cues[] = {"born", "dob", "d.o.b", "date of birth", "birthday", "birth date"};
constexpr std::string_view k_months[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
// pii.hpp's initials are those of these months.
static_assert([] {
  std::uint32_t bits = 0;
  for (std::string_view m : k_months) bits |= std::uint32_t{1} << (m[0] - 'a');
  return bits;
}() == k_month_initials);
}  // namespace

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
  // Most numbers in posts are no date and fail below, so the tests compare bytes in line,
  // without a call for each ordinal or month, and a month is looked up only where its
  // first letter could open one.
  const char o1 = j < s.size() ? s[j] : '\0', o2 = j + 1 < s.size() ? s[j + 1] : '\0';
  if ((o1 == 's' && o2 == 't') || (o1 == 'n' && o2 == 'd') || (o1 == 'r' && o2 == 'd') || (o1 == 't' && o2 == 'h')) j += 2;
  if (j >= s.size() || s[j] != ' ') return i;
  std::size_t w = j + 1;
  if (w + 3 > s.size() || !alpha(s[w]) || !((k_month_initials >> (s[w] - 'a')) & 1)) return i;
  auto is_month = [&](std::string_view m) { return s[w] == m[0] && s[w + 1] == m[1] && s[w + 2] == m[2]; };
  if (std::none_of(std::begin(k_months), std::end(k_months), is_month)) return i;
  while (w < s.size() && alpha(s[w])) ++w;
  if (w + 5 > s.size() || s[w] != ' ') return i;
  std::size_t y = w + 1;
  for (std::size_t d = 0; d < 4; ++d) {
    if (!digit(s[y + d])) return i;
  }
  return boundary_after(s, y + 4) ? y + 4 : i;
}

}  // namespace smpolicy
