// Cutting a log into ranges and joining them: cuts fall only at line starts in quiet
// spells (or anywhere, when forced); a join gives what reading on would, and refuses,
// changing nothing, when the lines before the range reach into it; a file read in parts
// on 1 to 4 threads, in ranges as small as a byte, reports as one thread does.
#include <gtest/gtest.h>

#include <random>

#include "monitor/ranges.hpp"

namespace smpolicy::monitor {
namespace {

constexpr std::int64_t k_monday_8am = 1772438400;  // 2 March 2026, 08:00 GMT

std::string line(double stamp, int user, const char* host, int elapsed = 100) {
  char text[256];
  std::snprintf(text, sizeof text, "%.3f %6d 10.0.0.%d TCP_TUNNEL/200 500 CONNECT %s user%d HIER_DIRECT/1.2.3.4 -\n", stamp,
                elapsed, user, host, user);
  return text;
}

// A morning of browsing, a line every 20 s, from `start`.
std::string morning(std::int64_t start, int lines) {
  std::string out;
  for (int i = 0; i < lines; ++i) out += line(static_cast<double>(start + 20 * i), i % 3, i % 2 ? "x.com:443" : "www.bbc.co.uk:443");
  return out;
}

// A file that hands out at most 7 bytes a read, as a slow pread might.
Monitor::ReadAt slow_reads(const std::string& text) {
  return [&text](std::uint64_t offset, std::span<char> into) -> std::expected<std::size_t, Error> {
    if (offset >= text.size()) return 0;
    std::size_t n = std::min({into.size(), std::size_t{7}, text.size() - static_cast<std::size_t>(offset)});
    std::copy_n(text.data() + offset, n, into.data());
    return n;
  };
}

struct School {
  std::unique_ptr<Pack> pack = std::move(*resolve_pack("salterlee-2017"));
  CutSettings cut(std::size_t ranges, bool anywhere = false) const {
    return CutSettings{LogFormat::squid, &pack->timetable.zone, 300'000, ranges, 0, anywhere};
  }
  std::unique_ptr<Monitor::Impl> impl() const {
    auto m = std::make_unique<Monitor::Impl>(*pack, nullptr, nullptr, Options{});
    m->sources.emplace_back("log", LogFormat::squid);
    m->source.name = "log";
    m->source.parser.emplace(LogFormat::squid, m->zone);
    return m;
  }
};

TEST(FindCuts, CutOnlyInAQuietSpell) {
  School s;
  std::string day1 = morning(k_monday_8am, 300), day2 = morning(k_monday_8am + 86400, 300);
  std::string text = day1 + day2;
  for (std::size_t ranges : {2, 3, 8}) {
    auto cuts = find_cuts(SourceBytes(text), 0, s.cut(ranges));
    EXPECT_EQ(cuts, (std::vector<std::uint64_t>{0, day1.size(), text.size()})) << ranges;
  }
  std::string file = text;
  Monitor::ReadAt read_at = slow_reads(file);
  EXPECT_EQ(find_cuts(SourceBytes(file.size(), read_at), 0, s.cut(2)), (std::vector<std::uint64_t>{0, day1.size(), text.size()}));
  EXPECT_EQ(find_cuts(SourceBytes(day1), 0, s.cut(4)), (std::vector<std::uint64_t>{0, day1.size()}));  // no spell
}

TEST(FindCuts, AnywhereCutsAtLineStarts) {
  School s;
  std::string text = morning(k_monday_8am, 100);
  for (std::size_t ranges : {2, 3, 7, 1000}) {
    auto cuts = find_cuts(SourceBytes(text), 0, s.cut(ranges, true));
    EXPECT_GE(cuts.size(), std::min<std::size_t>(ranges, 100));
    EXPECT_EQ(cuts.back(), text.size());
    for (std::size_t i = 1; i + 1 < cuts.size(); ++i) {
      EXPECT_LT(cuts[i - 1], cuts[i]);
      EXPECT_EQ(text[cuts[i] - 1], '\n') << ranges << " cut " << cuts[i];
    }
  }
}

// Reads `before` into one Impl and `range` into another from nothing, then joins them.
struct Joined {
  std::unique_ptr<Monitor::Impl> into, range;
  bool joined = false;
};

Joined join(const School& s, const std::string& before, const std::string& range) {
  Joined j{s.impl(), s.impl()};
  read_lines(*j.into, before);
  read_lines(*j.range, range);
  j.joined = join_range(*j.into, *j.range);
  return j;
}

std::string report_of(Monitor::Impl& m) {
  m.visits.close_all(m.on_closed);
  return render_report(m.report(), ReportFormat::json);
}

TEST(JoinRange, AfterAQuietSpellGivesWhatReadingOnGives) {
  School s;
  std::string day1 = morning(k_monday_8am, 200) + "garbage\n", day2 = "\n" + morning(k_monday_8am + 86400, 200);
  Joined j = join(s, day1, day2);
  ASSERT_TRUE(j.joined);
  auto whole = s.impl();
  read_lines(*whole, day1 + day2);
  EXPECT_EQ(j.into->source.line, whole->source.line);
  EXPECT_EQ(report_of(*j.into), report_of(*whole));
}

TEST(JoinRange, RefusesWhatTheLinesBeforeReachInto) {
  School s;
  std::string before = morning(k_monday_8am, 50);
  std::int64_t last = k_monday_8am + 20 * 49;
  std::vector<std::string> reaching = {
      morning(last + 100, 10),                                     // a visit still open
      line(static_cast<double>(last - 5), 7, "y.com:443"),        // out of order
      line(static_cast<double>(last + 7200), 0, "x.com:443", 7200'000),  // a tunnel back into an open visit
  };
  for (const auto& range : reaching) {
    Joined j = join(s, before, range);
    EXPECT_FALSE(j.joined) << range;
    EXPECT_EQ(j.into->source.line, 50u);  // unchanged
    EXPECT_EQ(j.into->tally.visits, 0u);
  }
}

// Staff browsing over three days, with nights, lunchtimes, bad lines and long tunnels.
std::string days(unsigned seed) {
  std::mt19937 rng(seed);
  const char* hosts[] = {"x.com:443", "www.bbc.co.uk:443", "i.instagram.com:443", "www.instagram.com:443"};
  std::string out;
  for (int day = 0; day < 3; ++day) {
    double t = static_cast<double>(k_monday_8am + 86400 * day);
    for (int i = 0; i < 300; ++i) {
      t += rng() % 50 == 0 ? 700 + rng() % 2000 : rng() % 30;
      if (rng() % 40 == 0) out += "not a line\n";
      int elapsed = rng() % 30 == 0 ? static_cast<int>(rng() % 4000'000) : static_cast<int>(rng() % 2000);
      out += line(rng() % 50 == 0 ? t - 200 : t, static_cast<int>(rng() % 5), hosts[rng() % 4], elapsed);
    }
  }
  return out;
}

std::string report_of_file(const School& s, const std::string& text, std::size_t threads, std::size_t range_bytes, bool anywhere) {
  Options options;
  options.threads = threads;
  options.range_bytes = range_bytes;
  options.cut_anywhere = anywhere;
  Monitor m(*s.pack, nullptr, nullptr, options);
  m.begin_source("log");
  Monitor::ReadAt read_at = slow_reads(text);
  EXPECT_TRUE(m.add_file(text.size(), read_at));
  return render_report(m.finish(), ReportFormat::json);
}

TEST(Ranges, AFileReadInPartsReportsAsOneThreadDoes) {
  School s;
  for (unsigned seed : {1u, 2u}) {
    std::string text = days(seed);
    std::string one = report_of_file(s, text, 1, 0, false);
    for (std::size_t threads : {1, 2, 3, 4}) {
      for (std::size_t bytes : {0, 1, 500, 20000}) {
        for (bool anywhere : {false, true}) {
          EXPECT_EQ(report_of_file(s, text, threads, bytes, anywhere), one)
              << "seed " << seed << " threads " << threads << " range " << bytes << (anywhere ? " anywhere" : "");
        }
      }
    }
  }
}

}  // namespace
}  // namespace smpolicy::monitor
