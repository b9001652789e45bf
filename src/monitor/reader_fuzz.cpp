// libFuzzer harness over the proxy log readers: every format's line reader, format
// detection, the line cutter and gzip path, grouping, deciding and every report format;
// and reading on threads, in ranges as small as a byte, must give the same report.
// Build with clang: cmake --build BUILD --target monitor_fuzz; run: BUILD/monitor_fuzz.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "monitor/input.hpp"
#include "monitor/monitor.hpp"

using namespace smpolicy;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static auto pack = resolve_pack("salterlee-2017");
  if (!pack) return 0;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  constexpr monitor::LogFormat k_formats[] = {monitor::LogFormat::squid, monitor::LogFormat::common,
                                              monitor::LogFormat::combined, monitor::LogFormat::e2guardian};
  for (auto format : k_formats) {
    monitor::LineParser parser(format, (*pack)->timetable.zone);
    if (auto hit = parser.parse(input)) (void)monitor::host_of_url(hit->url);
  }
  monitor::Options options;
  options.gap_seconds = 60;
  monitor::Monitor m(**pack, nullptr, nullptr, options);
  m.begin_source("fuzz");
  monitor::LineFeed lines;
  if (monitor::is_gzip(input)) {
    monitor::Gunzip gunzip;
    (void)gunzip.feed(input, [&](std::string_view out) { lines.feed(out, m); });
  } else {
    lines.feed(input, m);
  }
  lines.finish(m);
  m.end_source();
  auto report = m.finish();
  for (auto f : {monitor::ReportFormat::text, monitor::ReportFormat::csv, monitor::ReportFormat::json, monitor::ReportFormat::html}) {
    (void)monitor::render_report(report, f);
  }
  if (!monitor::is_gzip(input)) {
    options.threads = 2 + size % 3;
    options.range_bytes = 1 + size % 61;
    options.cut_anywhere = size % 2 == 0;
    monitor::Monitor threaded(**pack, nullptr, nullptr, options);
    threaded.begin_source("fuzz");
    threaded.add_text(input);
    if (monitor::render_report(threaded.finish(), monitor::ReportFormat::json) !=
        monitor::render_report(report, monitor::ReportFormat::json)) {
      __builtin_trap();
    }
  }
  return 0;
}
