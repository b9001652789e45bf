// Reading on several threads gives, byte for byte, the report reading line by line gives:
// on the fixture logs and on generated logs with ranges cut in quiet spells and in awkward
// places (cut_anywhere: joins that fail and ranges read again), bad lines, lines out of
// order, tunnels longer than the gap, and visits open across sources.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "monitor/monitor.hpp"

namespace smpolicy::monitor {
namespace {

namespace fs = std::filesystem;

struct School {
  std::unique_ptr<Pack> pack = std::move(*resolve_pack("salterlee-2017"));
  Roster roster = std::move(parse_roster(
      "id,role,given_name,family_name,email\n"
      "staff:jsmith,staff,Jane,Smith,j.smith@school.example\n"
      "staff:user7,staff,Sam,Seven,user7@school.example\n",
      "roster.csv")->roster);
  UserMap users;
  School() { users.staff_by_user = {{"10.0.0.16", "staff:jsmith"}, {"user3", "staff:user7"}}; }
};

std::string all_formats(const Report& r) {
  std::string out;
  for (auto f : {ReportFormat::text, ReportFormat::csv, ReportFormat::json, ReportFormat::html}) out += render_report(r, f);
  return out;
}

// How ranges are cut: the length they aim at, and whether anywhere or in quiet spells.
struct Cutting {
  std::size_t bytes = 0;
  bool anywhere = false;
};

std::string describe(std::size_t threads, Cutting c) {
  return "threads " + std::to_string(threads) + " range " + std::to_string(c.bytes) + (c.anywhere ? " anywhere" : " quiet");
}

// Every cutting of `sizes`, anywhere and in quiet spells.
std::vector<Cutting> cuttings(std::initializer_list<std::size_t> sizes) {
  std::vector<Cutting> out;
  for (std::size_t bytes : sizes) out.push_back({bytes, false}), out.push_back({bytes, true});
  return out;
}

std::string report_of(const School& s, const std::vector<std::string>& sources, std::size_t threads, Cutting cut,
                      std::size_t max_examples = 10, LogFormat format = LogFormat::automatic) {
  Options options;
  options.format = format;
  options.threads = threads;
  options.range_bytes = cut.bytes;
  options.cut_anywhere = cut.anywhere;
  options.max_examples = max_examples;
  Monitor m(*s.pack, &s.roster, &s.users, options);
  for (std::size_t i = 0; i < sources.size(); ++i) {
    m.begin_source("log" + std::to_string(i));
    m.add_text(sources[i]);
    m.end_source();
  }
  return all_formats(m.finish());
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Staff browsing with the awkward parts: tunnels open longer than the gap, stamps out of
// order, garbage, truncated and blank lines, CRLF, users known by address, refusals,
// encyclopaedia edits, and a last line with no newline.
std::string generate(unsigned seed, std::size_t lines, std::int64_t start) {
  const char* hosts[] = {"www.instagram.com:443", "i.instagram.com:443", "http://en.wikipedia.org/w/index.php?title=X",
                         "www.youtube.com:443", "http://www.bbc.co.uk/news", "x.com:443", "www.linkedin.com:443",
                         "http://static.xx.fbcdn.net/a.js", "error:invalid-request"};
  std::mt19937 rng(seed);
  std::string out;
  double t = static_cast<double>(start);
  for (std::size_t i = 0; i < lines; ++i) {
    t += (rng() % 100 < 5) ? 400 + rng() % 900 : (rng() % 40000) / 1000.0;
    double stamp = rng() % 100 < 3 ? t - 30 - rng() % 600 : t;  // out of order now and then
    auto r = static_cast<unsigned>(rng() % 100), user = static_cast<unsigned>(rng() % 12);
    auto elapsed = static_cast<unsigned>(r < 10 ? 600000 + rng() % 3000000 : rng() % 5000);  // some tunnels outlast the gap
    std::string who = user == 11 ? "-" : "user" + std::to_string(user);
    const char* host = hosts[rng() % std::size(hosts)];
    bool post = host[7] == 'e' && rng() % 2;
    char line[512];
    if (r < 3) {
      std::snprintf(line, sizeof line, "%.3f garbage \x01\x02 line\n", stamp);
    } else if (r < 5) {
      std::snprintf(line, sizeof line, "%.3f %6u 10.0.0.%u TCP_MIS\n", stamp, elapsed, user);
    } else if (r < 7) {
      std::snprintf(line, sizeof line, "%s", r == 5 ? "\n" : "  \r\n");
    } else {
      const char* code = r < 12 ? "TCP_DENIED/403" : r < 14 ? "NONE_NONE/000" : "TCP_TUNNEL/200";
      std::snprintf(line, sizeof line, "%.3f %6u 10.0.0.%u %s %u %s %s %s HIER_DIRECT/1.2.3.4 -%s\n", stamp, elapsed,
                    user + 5, code, static_cast<unsigned>(100 + rng() % 5000), post ? "POST" : (host[0] == 'h' ? "GET" : "CONNECT"), host,
                    who.c_str(), rng() % 10 == 0 ? "\r" : "");
    }
    out += line;
  }
  out.pop_back();  // no newline at the end
  return out;
}

constexpr std::int64_t k_monday_8am = 1772438400;  // 2 March 2026, 08:00 GMT

TEST(Threads, FixtureLogsReportTheSameOnAnyThreadsAndChunks) {
  School s;
  for (const auto& entry : fs::directory_iterator(fs::path(SMPOLICY_SOURCE_DIR) / "tests/fixtures/proxy")) {
    std::vector<std::string> text = {read_text(entry.path())};
    std::string name = entry.path().stem().string();
    // Named, the format needs no detection from the first lines, so threads read them all.
    LogFormat format = name == "squid-common" ? LogFormat::common
                       : name == "squid-combined" ? LogFormat::combined
                       : name == "e2guardian"     ? LogFormat::e2guardian
                                                  : LogFormat::squid;
    for (LogFormat f : {LogFormat::automatic, format}) {
      std::string one = report_of(s, text, 1, {}, 10, f);
      for (std::size_t threads : {2, 3, 5}) {
        for (Cutting cut : cuttings({0, 1, 37, 200, 4096})) {
          EXPECT_EQ(report_of(s, text, threads, cut, 10, f), one) << name << " " << describe(threads, cut);
        }
      }
    }
  }
}

TEST(Threads, GeneratedLogsWithBadLinesReportTheSame) {
  School s;
  for (unsigned seed : {1u, 2u, 3u}) {
    std::vector<std::string> text = {generate(seed, 2000, k_monday_8am)};
    std::string one = report_of(s, text, 1, {}, 3);
    EXPECT_NE(one.find("before an earlier line"), std::string::npos);
    EXPECT_NE(one.find("could not be read"), std::string::npos);
    for (std::size_t threads : {2, 3, 4}) {
      for (Cutting cut : cuttings({0, 1, 150, 999, 8192})) {
        EXPECT_EQ(report_of(s, text, threads, cut, 3), one) << "seed " << seed << " " << describe(threads, cut);
      }
    }
  }
}

TEST(Threads, VisitsOpenAcrossSourcesReportTheSame) {
  School s;
  std::vector<std::string> logs = {generate(4, 500, k_monday_8am), generate(5, 800, k_monday_8am + 2 * 86400),
                                   generate(6, 300, k_monday_8am + 2 * 86400 + 3600)};
  std::string one = report_of(s, logs, 1, {});
  for (Cutting cut : cuttings({0, 1, 100, 3000})) {
    EXPECT_EQ(report_of(s, logs, 2, cut), one) << describe(2, cut);
    EXPECT_EQ(report_of(s, logs, 3, cut), one) << describe(3, cut);
  }
}

class TempFile {
 public:
  explicit TempFile(std::string_view bytes)
      : m_path(fs::temp_directory_path() / ("smpolicy-threads-" + std::to_string(::getpid()) + ".log")) {
    std::ofstream(m_path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  ~TempFile() { fs::remove(m_path); }
  std::string path() const { return m_path.string(); }

 private:
  fs::path m_path;
};

std::string report_of_file(const School& s, const std::string& path, std::size_t threads, Cutting cut) {
  Options options;
  options.threads = threads;
  options.range_bytes = cut.bytes;
  options.cut_anywhere = cut.anywhere;
  Monitor m(*s.pack, &s.roster, &s.users, options);
  EXPECT_TRUE(read_log(path, m, nullptr));
  return all_formats(m.finish());
}

TEST(Threads, AFileWithLinesTooLongToHoldReportsTheSame) {
  School s;
  std::string text = generate(7, 2000, k_monday_8am);
  text.insert(text.find('\n', 50000) + 1, std::string(1 << 20, 'x') + "\n");   // longer than a block
  text.insert(text.find('\n', 120000) + 1, std::string(70000, 'y') + "\r\n");  // longer than a line may be
  TempFile file(text + "\n" + std::string(300000, 'z'));                       // and one at the end, unended
  std::string one = report_of_file(s, file.path(), 1, {});
  EXPECT_NE(one.find("1048576 bytes"), std::string::npos);
  EXPECT_NE(one.find("300000 bytes"), std::string::npos);
  for (Cutting cut : cuttings({0, 1, 4096, 100000})) EXPECT_EQ(report_of_file(s, file.path(), 2, cut), one) << describe(2, cut);
}

}  // namespace
}  // namespace smpolicy::monitor
