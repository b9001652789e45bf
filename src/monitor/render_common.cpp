// What the renderers share: times in the school's zone and the one-line flagged visit.
#include <algorithm>
#include <cstdio>

#include "monitor/render.hpp"

namespace smpolicy::monitor {
namespace {

constexpr std::string_view k_days[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
constexpr std::string_view k_outcome_words[] = {"ALLOW", "ADVISE", "NEEDS PERMISSION", "BREACH"};

}  // namespace

std::string_view day_name(int weekday) { return k_days[weekday % 7]; }
std::string_view day_abbreviation(int weekday) { return k_days[weekday % 7].substr(0, 3); }

std::string local_text(const TimeZone& zone, std::int64_t seconds) {
  LocalTime t = zone.local(seconds);
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d %s %02d:%02d", t.year, t.month, t.day,
                std::string(day_abbreviation(t.weekday)).c_str(), t.minute_of_day / 60, t.minute_of_day % 60);
  return text;
}

std::string terms_text(const Timetable& timetable) {
  const auto& terms = timetable.terms;
  if (terms.empty()) return "";
  auto date = [](std::int64_t day) { return format_utc(day * 86400).substr(0, 10); };
  std::int64_t first = std::ranges::min(terms, {}, &DateSpan::first).first;
  std::int64_t last = std::ranges::max(terms, {}, &DateSpan::last).last;
  return std::to_string(terms.size()) + (terms.size() == 1 ? " term" : " terms") + " from " + date(first) + " to " +
         date(last) + "; a day outside them is a holiday, outside contracted hours";
}

std::string clock_text(const TimeZone& zone, std::int64_t seconds) {
  LocalTime t = zone.local(seconds);
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", t.minute_of_day / 60 % 24, t.minute_of_day % 60);
  return text;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string flagged_line(const FlaggedText& t, const TimeZone& zone) {
  const FlaggedVisit& v = t.visit;
  return local_text(zone, v.start) + "-" + clock_text(zone, v.end) + "  " + std::string(t.who) + "  " +
         std::string(t.site) + " (" + std::string(t.category) + ")  " + std::to_string(v.hits) +
         (v.hits == 1 ? " hit  " : " hits  ") + std::string(v.period) + "  " +
         std::string(k_outcome_words[static_cast<std::size_t>(v.outcome)]) + " " + t.rule.id + " [" +
         joined(t.rule.clauses) + "]";
}

std::optional<ReportFormat> parse_report_format(std::string_view name) {
  if (name == "text") return ReportFormat::text;
  if (name == "csv") return ReportFormat::csv;
  if (name == "json") return ReportFormat::json;
  if (name == "html") return ReportFormat::html;
  return std::nullopt;
}

std::string render_report(const Report& report, ReportFormat format) {
  switch (format) {
    case ReportFormat::text: return render_text(report);
    case ReportFormat::csv: return render_csv(report);
    case ReportFormat::json: return render_json(report);
    case ReportFormat::html: return render_html(report);
  }
  return {};
}

}  // namespace smpolicy::monitor
