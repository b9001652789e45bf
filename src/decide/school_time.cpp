// Where a moment falls in the school's week: the `period` and `day` that derive gives a
// post, and that the monitor's tallies ask for.
#include <algorithm>

#include "decide/decide.hpp"

namespace smpolicy {
namespace {

constexpr std::string_view k_days[] = {"monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};

bool in_term(const LocalTime& local, const Timetable& tt) {
  if (tt.terms.empty()) return true;
  auto day = days_from_civil(local.year, static_cast<unsigned>(local.month), static_cast<unsigned>(local.day));
  return std::ranges::any_of(tt.terms, [day](const DateSpan& term) { return term.holds(day); });
}

std::string_view period_of(const LocalTime& local, const Timetable& tt) {
  if (!(tt.days & (1u << local.weekday)) || !in_term(local, tt)) return "outside_hours";
  int m = local.minute_of_day;
  if (m < tt.start || m >= tt.end) return "outside_hours";
  for (auto [from, to] : tt.breaks) {
    if (m >= from && m < to) return "break";
  }
  return "work_time";
}

}  // namespace

SchoolTime school_time(std::int64_t seconds, const Timetable& timetable) {
  LocalTime local = timetable.zone.local(seconds);
  return SchoolTime{period_of(local, timetable), k_days[local.weekday], local.weekday, local.minute_of_day / 60};
}

}  // namespace smpolicy
