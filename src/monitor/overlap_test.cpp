// Overlapping logs (rotation that repeats lines, one file given twice) count each line
// once, on one thread or several, and say how many lines they dropped.
#include <gtest/gtest.h>

#include "monitor/monitor.hpp"

namespace smpolicy::monitor {
namespace {

constexpr std::int64_t k_tuesday_9am = 1772528400;  // 3 March 2026, 09:00 GMT

// `count` lines from line `from` of one long log: jsmith and mbrown on instagram.com and
// youtube.com, a line every 50 s, a sign-in handshake now and then.
std::string lines(int from, int count) {
  std::string out;
  for (int i = from; i < from + count; ++i) {
    std::string user = i % 3 ? "jsmith" : "mbrown";
    std::string host = i % 7 < 4 ? "www.instagram.com:443" : "www.youtube.com:443";
    std::string code = i % 11 == 0 ? "TCP_DENIED/407" : "TCP_TUNNEL/200";
    if (i % 11 == 0) user = "-";
    out += std::to_string(k_tuesday_9am + 50 * i) + ".000 " + std::to_string(100 + i % 13) + " 10.0.0.5 " + code + " " +
           std::to_string(300 + i) + " CONNECT " + host + " " + user + " HIER_DIRECT/1.2.3.4 -\n";
  }
  return out;
}

struct Reader {
  std::unique_ptr<Pack> pack = std::move(*resolve_pack("salterlee-2017"));

  Report report(const std::vector<std::string>& logs, bool drop, std::size_t threads = 1, std::size_t range = 0) {
    Options options;
    options.drop_duplicates = drop;
    options.threads = threads;
    options.range_bytes = range;
    options.cut_anywhere = range % 2 == 1;
    Monitor m(*pack, nullptr, nullptr, options);
    for (std::size_t i = 0; i < logs.size(); ++i) {
      m.begin_source("access.log." + std::to_string(i));
      m.add_text(logs[i]);
    }
    return m.finish();
  }
};

// Everything the report says of web use, not of the files read.
std::string use_of(Report r) {
  r.sources.clear();
  r.totals.lines = r.totals.duplicates = 0;
  return render_report(r, ReportFormat::json);
}

TEST(Overlap, RotatedLogsThatRepeatLinesCountThemOnce) {
  Reader run;
  Report whole = run.report({lines(0, 400)}, true);
  Report rotated = run.report({lines(0, 250), lines(200, 200)}, true);  // lines 200..249 twice
  EXPECT_EQ(rotated.totals.duplicates, 50u);
  EXPECT_EQ(rotated.totals.lines, 450u);
  EXPECT_EQ(use_of(rotated), use_of(whole));
  EXPECT_NE(render_report(rotated, ReportFormat::text).find("50 duplicates of lines in an earlier log"), std::string::npos);
}

TEST(Overlap, TheSameFileTwiceIsReadOnce) {
  Reader run;
  Report once = run.report({lines(0, 300)}, true);
  Report twice = run.report({lines(0, 300), lines(0, 300)}, true);
  EXPECT_EQ(twice.totals.duplicates, 300u);
  EXPECT_EQ(use_of(twice), use_of(once));
}

TEST(Overlap, WithoutDroppingTheRepeatsCountTwice) {
  Reader run;
  Report twice = run.report({lines(0, 300), lines(0, 300)}, false);
  Report once = run.report({lines(0, 300)}, false);
  EXPECT_EQ(twice.totals.duplicates, 0u);
  EXPECT_EQ(twice.totals.hits, 2 * once.totals.hits);
}

TEST(Overlap, LinesRepeatedWithinOneLogAreKept) {
  Reader run;
  Report r = run.report({lines(0, 100) + lines(0, 100)}, true);
  EXPECT_EQ(r.totals.duplicates, 0u);
}

TEST(Overlap, ThreadsDropTheSameLines) {
  Reader run;
  std::vector<std::string> logs = {lines(0, 700), lines(650, 300), lines(100, 50) + lines(2000, 100)};
  std::string one = render_report(run.report(logs, true), ReportFormat::json);
  for (std::size_t range : {1, 333, 5000, 5001}) {
    EXPECT_EQ(render_report(run.report(logs, true, 3, range), ReportFormat::json), one) << range;
  }
  EXPECT_NE(one.find("\"duplicates\":100"), std::string::npos);
}

}  // namespace
}  // namespace smpolicy::monitor
