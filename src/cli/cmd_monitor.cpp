// smpolicy monitor LOG... --policy ID [--roster FILE] [--school FILE] [--users MAP.csv]
//   [--format auto|squid|common|combined|e2guardian] [--gap MINUTES]
//   [--report text|csv|json|html] [--out FILE] [--follow] [--threads N]
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>

#include "cli/cli.hpp"
#include "monitor/monitor.hpp"

namespace smpolicy::cli {
namespace {

constexpr const char* k_usage =
    "usage: smpolicy monitor LOG... --policy ID [--roster FILE] [--school FILE] [--users MAP.csv]\n"
    "         [--format auto|squid|common|combined|e2guardian] [--gap MINUTES]\n"
    "         [--report text|csv|json|html] [--out FILE] [--follow] [--threads N]\n"
    "LOG may be plain or gzip; '-' or none reads standard input. A plain file is read on\n"
    "--threads threads (default: one per core; 1 reads line by line); the report is the same.\n"
    "A line that an earlier LOG held too (overlapping rotated logs) is counted once.\n"
    "--school FILE: the school's [school] table; its terms = [\"YYYY-MM-DD/YYYY-MM-DD\", ...]\n"
    "make every day outside a term a holiday, outside contracted hours.\n";

volatile std::sig_atomic_t g_stop = 0;
extern "C" void on_stop(int) { g_stop = 1; }

using Clock = std::chrono::steady_clock;

// A progress line with lines/s on stderr, only when stderr is a terminal.
class Progress {
 public:
  explicit Progress(const monitor::Monitor& m) : m_monitor(m), m_on(::isatty(STDERR_FILENO)) {}
  void tick() {
    if (!m_on) return;
    auto now = Clock::now();
    if (now - m_last < std::chrono::milliseconds(500)) return;
    m_last = now;
    double seconds = std::chrono::duration<double>(now - m_start).count();
    double lines = static_cast<double>(m_monitor.lines());
    std::fprintf(stderr, "\rsmpolicy monitor: %.1f M lines, %.2f M lines/s   ", lines / 1e6, lines / 1e6 / std::max(seconds, 1e-3));
    m_shown = true;
  }
  ~Progress() {
    if (m_shown) std::fprintf(stderr, "\r%60s\r", "");
  }

 private:
  const monitor::Monitor& m_monitor;
  bool m_on, m_shown = false;
  Clock::time_point m_start = Clock::now(), m_last = Clock::now();
};

struct Settings {
  monitor::Options options;
  monitor::ReportFormat report = monitor::ReportFormat::text;
};

std::optional<Settings> settings_of(const Args& args) {
  Settings s;
  if (auto f = args.get("format")) {
    auto format = monitor::parse_log_format(*f);
    if (!format) return std::fprintf(stderr, "smpolicy monitor: unknown --format '%s'\n%s", f->c_str(), k_usage), std::nullopt;
    s.options.format = *format;
  }
  if (auto r = args.get("report")) {
    auto report = monitor::parse_report_format(*r);
    if (!report) return std::fprintf(stderr, "smpolicy monitor: unknown --report '%s'\n%s", r->c_str(), k_usage), std::nullopt;
    s.report = *report;
  }
  if (auto g = args.get("gap")) {
    char* end = nullptr;
    long minutes = std::strtol(g->c_str(), &end, 10);
    if (g->empty() || *end || minutes < 1 || minutes > 24 * 60) {
      return std::fprintf(stderr, "smpolicy monitor: --gap takes whole minutes, 1 to 1440\n"), std::nullopt;
    }
    s.options.gap_seconds = minutes * 60;
  }
  auto threads = threads_option(args);
  if (!threads) return std::fprintf(stderr, "smpolicy monitor: --threads takes a whole number, 1 to 256\n"), std::nullopt;
  s.options.threads = *threads;
  return s;
}

bool read_users(const std::string& path, monitor::UserMap& users) {
  auto loaded = monitor::load_user_map(path);
  if (!loaded) return std::fprintf(stderr, "%s\n", loaded.error().message.c_str()), false;
  users.staff_by_user.swap(loaded->staff_by_user);
  return true;
}

// Reads every log once. False when one cannot be opened; `bad_input` when one is damaged.
bool read_all(const std::vector<std::string>& logs, monitor::Monitor& m, bool* bad_input) {
  Progress progress(m);
  for (const auto& log : logs) {
    auto read = monitor::read_log(log, m, [&](std::uint64_t) { progress.tick(); });
    if (read) continue;
    std::fprintf(stderr, "%s\n", read.error().message.c_str());
    if (read.error().code == ErrorCode::io) return false;
    *bad_input = true;
  }
  return true;
}

// Reads the logs as they grow until interrupted, printing flagged visits as they close.
bool follow_all(const std::vector<std::string>& logs, monitor::Monitor& m) {
  std::vector<monitor::Follower> followers;
  for (const auto& log : logs) {
    auto f = monitor::Follower::open(log);
    if (!f) return std::fprintf(stderr, "%s\n", f.error().message.c_str()), false;
    followers.push_back(std::move(*f));
  }
  std::signal(SIGINT, on_stop);
  std::signal(SIGTERM, on_stop);
  auto print = [](const std::string& line) { std::printf("%s\n", line.c_str()), std::fflush(stdout); };
  while (!g_stop) {
    std::size_t got = 0;
    for (auto& f : followers) {
      auto n = f.poll(m);
      if (!n) std::fprintf(stderr, "%s\n", n.error().message.c_str());
      else got += *n;
    }
    auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
    m.close_idle(now.count(), print);
    if (!got) std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  return true;
}

}  // namespace

int run_monitor(const std::vector<std::string>& argv) {
  Args args = parse_args(argv, {"policy", "roster", "school", "users", "format", "gap", "report", "out", "threads"}, {"follow"});
  if (!args.error.empty()) return std::fprintf(stderr, "smpolicy monitor: %s\n%s", args.error.c_str(), k_usage), k_exit_failed;
  auto settings = settings_of(args);
  if (!settings) return k_exit_failed;
  bool bad_input = false;
  auto school = load_school(args, &bad_input);
  if (!school) return k_exit_failed;
  auto users = std::make_unique<monitor::UserMap>();
  if (auto path = args.get("users")) {
    if (!read_users(*path, *users)) return k_exit_failed;
  } else {
    users.reset();
  }
  std::vector<std::string> logs = args.positional.empty() ? std::vector<std::string>{"-"} : args.positional;
  settings->options.drop_duplicates = logs.size() > 1;  // rotated logs may overlap
  monitor::Monitor m(*school->pack, school->roster.get(), users.get(), settings->options);
  bool follow = args.has("follow") && !(logs.size() == 1 && logs[0] == "-");
  if (!(follow ? follow_all(logs, m) : read_all(logs, m, &bad_input))) return k_exit_failed;
  monitor::Report report = m.finish();
  std::string text = monitor::render_report(report, settings->report);
  if (auto out = args.get("out")) {
    if (auto written = write_file_atomic(*out, text); !written) {
      return std::fprintf(stderr, "%s\n", written.error().message.c_str()), k_exit_failed;
    }
  } else {
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
  bool unreadable = report.totals.malformed + report.totals.too_long > 0;
  if (unreadable) {
    auto count = report.totals.malformed + report.totals.too_long;
    std::fprintf(stderr, "smpolicy monitor: %llu %s could not be read (listed in the report)\n",
                 static_cast<unsigned long long>(count), count == 1 ? "line" : "lines");
  }
  return bad_input || unreadable ? k_exit_bad_input : k_exit_ok;
}

}  // namespace smpolicy::cli
