// Proxy log monitoring speed on a generated Squid native log held in memory. Run:
//   build/monitor_bench --benchmark_min_time=1
// Target (issue 5): >= 2,000,000 lines/s on one core end to end (read, parse, categorise,
// window, group into visits, decide, report). bench/monitor_compare.sh measures the same
// on a 2-million-line file next to goaccess, calamaris and sarg.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "monitor/monitor.hpp"

namespace smpolicy::monitor {
namespace {

// Staff browsing over school days: mostly CONNECT tunnels in bursts to one site, some
// GETs, and sign-in handshakes without a user, in time order.
std::string generate(std::size_t lines) {
  const char* hosts[] = {"www.google.com", "www.bbc.co.uk", "classroom.google.com", "docs.google.com", "www.tes.com",
                         "login.microsoftonline.com", "www.youtube.com", "i.ytimg.com", "www.instagram.com",
                         "www.facebook.com", "static.xx.fbcdn.net", "x.com", "www.linkedin.com", "mail.google.com",
                         "en.wikipedia.org", "www.amazon.co.uk", "intranet.school.example", "cdn.jsdelivr.net"};
  std::mt19937 rng(7);
  std::string out;
  out.reserve(lines * 130);
  double t = 1767600000;  // Monday 5 January 2026, 08:00 UTC
  for (std::size_t i = 0; i < lines;) {
    auto user = static_cast<unsigned>(rng() % 300), burst = static_cast<unsigned>(4 + rng() % 26);
    const char* host = hosts[rng() % std::size(hosts)];
    for (unsigned b = 0; b < burst && i < lines; ++b, ++i) {
      t += 0.05 + (rng() % 100) / 1000.0;
      char line[256];
      auto r = static_cast<unsigned>(rng() % 100), elapsed = static_cast<unsigned>(rng() % 120000);
      if (r < 2) {
        std::snprintf(line, sizeof line, "%.3f %6u 10.0.%u.%u TCP_DENIED/407 3539 CONNECT %s:443 - HIER_NONE/- text/html\n", t,
                      1u, user / 250, user % 250, host);
      } else if (r < 80) {
        std::snprintf(line, sizeof line, "%.3f %6u 10.0.%u.%u TCP_TUNNEL/200 %u CONNECT %s:443 t.user%u HIER_DIRECT/10.0.0.1 -\n",
                      t, elapsed, user / 250, user % 250, static_cast<unsigned>(300 + rng() % 90000), host, user);
      } else {
        std::snprintf(line, sizeof line,
                      "%.3f %6u 10.0.%u.%u TCP_MISS/200 %u GET http://%s/teaching-resources/year-7 t.user%u HIER_DIRECT/10.0.0.1 text/html\n",
                      t, elapsed % 3000, user / 250, user % 250, static_cast<unsigned>(300 + rng() % 90000), host, user);
      }
      out += line;
    }
  }
  return out;
}

const std::string& log_text() {
  static const std::string text = generate(500000);
  return text;
}

std::vector<std::string_view> log_lines() {
  std::vector<std::string_view> lines;
  std::string_view text = log_text();
  for (std::size_t begin = 0; begin < text.size();) {
    auto nl = text.find('\n', begin);
    lines.push_back(text.substr(begin, nl - begin));
    begin = nl + 1;
  }
  return lines;
}

void BM_ParseSquidLine(benchmark::State& state) {
  auto lines = log_lines();
  LineParser parser(LogFormat::squid, *load_time_zone("Europe/London"));
  std::size_t i = 0;
  for (auto _ : state) {
    auto hit = parser.parse(lines[i++ % lines.size()]);
    benchmark::DoNotOptimize(hit);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_ParseSquidLine);

// Lines already in memory -> report text: everything but reading the file.
void BM_MonitorEndToEnd(benchmark::State& state) {
  auto pack = resolve_pack("salterlee-2017");
  auto lines = log_lines();
  for (auto _ : state) {
    Monitor m(**pack, nullptr, nullptr, {});
    m.begin_source("bench");
    for (auto line : lines) m.add_line(line);
    std::string text = render_report(m.finish(), ReportFormat::text);
    benchmark::DoNotOptimize(text);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * lines.size()));
}
BENCHMARK(BM_MonitorEndToEnd)->Unit(benchmark::kMillisecond);

// A file (in the page cache) -> report text, as `smpolicy monitor --threads N` does it.
void BM_ReadLogFile(benchmark::State& state) {
  Options options;
  options.threads = static_cast<std::size_t>(state.range(0));
  auto pack = resolve_pack("salterlee-2017");
  auto path = std::filesystem::temp_directory_path() / ("monitor-bench-" + std::to_string(::getpid()) + ".log");
  std::ofstream(path, std::ios::binary) << log_text();
  for (auto _ : state) {
    Monitor m(**pack, nullptr, nullptr, options);
    auto read = read_log(path.string(), m, nullptr);
    std::string text = render_report(m.finish(), ReportFormat::text);
    benchmark::DoNotOptimize(text);
    if (!read) state.SkipWithError(read.error().message.c_str());
  }
  std::filesystem::remove(path);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * log_lines().size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * log_text().size()));
}
BENCHMARK(BM_ReadLogFile)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace smpolicy::monitor
