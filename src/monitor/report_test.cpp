// Rendering: every format says the same things, and HTML stands alone.
#include <gtest/gtest.h>

#include "monitor/monitor.hpp"

namespace smpolicy::monitor {
namespace {

Report sample() {
  auto pack = resolve_pack("salterlee-2017");
  Monitor m(**pack, nullptr, nullptr, {});
  m.begin_source("a.log");
  m.add_line("1772532000.000 0 10.0.0.5 TCP_TUNNEL/200 1 CONNECT www.instagram.com:443 jsmith HIER_DIRECT/1.2.3.4 -");
  m.add_line("1772535660.000 2 10.0.0.6 TCP_MISS/200 1 POST http://en.wikipedia.org/w/index.php? o'brien<b> HIER_DIRECT/1.2.3.4 -");
  m.add_line("not a line, \"quoted\"");
  return m.finish();  // the report keeps no pointer into the pack
}

bool has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

TEST(Report, TextNamesTheBreachItsClausesAndTheBadLine) {
  std::string text = render_report(sample(), ReportFormat::text);
  EXPECT_TRUE(has(text, "instagram.com (social_media)  1 hit  work_time  BREACH social-media-in-work-time [5.9, 7.1, 7.1(b)]"));
  EXPECT_TRUE(has(text, "Social media was opened during contracted working time."));
  EXPECT_TRUE(has(text, "a.log:3: "));
  EXPECT_TRUE(has(text, "Encyclopaedia edits (1)"));
  EXPECT_TRUE(has(text, "2026-03-03 Tue 10:00"));
}

TEST(Report, CsvHasOneTablePerSectionAndQuotesCells) {
  std::string csv = render_report(sample(), ReportFormat::csv);
  EXPECT_TRUE(has(csv, "# people\nwho,known,logged_as,visits,hits,allow,advise,needs_permission,breach,blocked,edits\n"));
  EXPECT_TRUE(has(csv, "# flagged\n"));
  EXPECT_TRUE(has(csv, "jsmith,instagram.com,social_media,2026-03-03 Tue 10:00,2026-03-03 Tue 10:00,1,work_time,breach,social-media-in-work-time,\"5.9, 7.1, 7.1(b)\""));
  EXPECT_TRUE(has(csv, "\"not a line, \"\"quoted\"\"\""));
  EXPECT_TRUE(has(csv, "# hours\nday,hour,visits,flagged\nTuesday,10,1,1\nTuesday,11,1,0\n"));
}

TEST(Report, JsonIsOneObject) {
  std::string json = render_report(sample(), ReportFormat::json);
  EXPECT_EQ(json.front(), '{');
  EXPECT_EQ(json.substr(json.size() - 2), "}\n");
  EXPECT_TRUE(has(json, R"("policy":"salterlee-2017")"));
  EXPECT_TRUE(has(json, R"("rule":"social-media-in-work-time","outcome":"breach")"));
  EXPECT_TRUE(has(json, R"("who":"o'brien<b>")"));
  EXPECT_FALSE(has(json, ",,"));
  EXPECT_FALSE(has(json, ",}"));
  EXPECT_FALSE(has(json, ",]"));
  EXPECT_FALSE(has(json, "[,"));
}

TEST(Report, HtmlIsSelfContainedWithSvgChartsAndEscapedText) {
  std::string html = render_report(sample(), ReportFormat::html);
  EXPECT_TRUE(has(html, "<!DOCTYPE html>"));
  EXPECT_TRUE(has(html, "<svg"));
  EXPECT_TRUE(has(html, "o&#39;brien&lt;b&gt;"));
  EXPECT_FALSE(has(html, "<script"));
  EXPECT_FALSE(has(html, "<link"));
  EXPECT_FALSE(has(html, " src="));
  EXPECT_FALSE(has(html, "url("));
}

TEST(Report, FormatNames) {
  EXPECT_EQ(parse_report_format("html"), ReportFormat::html);
  EXPECT_FALSE(parse_report_format("pdf"));
}

}  // namespace
}  // namespace smpolicy::monitor
