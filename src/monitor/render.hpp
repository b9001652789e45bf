// Private to monitor: one renderer per report format, and what they share.
#pragma once

#include <string>
#include <string_view>

#include "monitor/monitor.hpp"

namespace smpolicy::monitor {

std::string render_text(const Report& report);
std::string render_csv(const Report& report);
std::string render_json(const Report& report);
std::string render_html(const Report& report);

// "2026-03-03 Tue 10:02" in `zone`.
std::string local_text(const TimeZone& zone, std::int64_t seconds);
// "2 terms from 2026-02-23 to 2026-03-27; a day outside them is a holiday, outside hours",
// or empty when the timetable has no term dates.
std::string terms_text(const Timetable& timetable);
// "10:02" in `zone`.
std::string clock_text(const TimeZone& zone, std::int64_t seconds);
// "Monday" ... for a weekday 0 ... 6, and "Mon" ...
std::string_view day_name(int weekday);
std::string_view day_abbreviation(int weekday);

// One flagged visit on one line: when, who, which site, the outcome, rule and clauses.
struct FlaggedText {
  std::string_view who, site, category;
  const RuleRow& rule;
  const FlaggedVisit& visit;
};
std::string flagged_line(const FlaggedText& text, const TimeZone& zone);

// Clauses joined with ", ".
std::string joined(const std::vector<std::string>& items);

}  // namespace smpolicy::monitor
