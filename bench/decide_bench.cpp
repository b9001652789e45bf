// Decision core speed on non-text events, and pack loading. Run:
//   build/decide_bench --benchmark_min_time=1
// Targets (issue "Foundation"): decide >= 1,000,000 events/s on one core; a pack loads
// in under 5 ms.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "decide/decide.hpp"

namespace smpolicy {
namespace {

// A realistic mix of the non-text kinds: proxy visits dominate, then contacts.
std::vector<std::string> event_lines() {
  std::vector<std::string> lines;
  std::mt19937 rng(7);
  const char* hosts[] = {"www.facebook.com", "static.xx.fbcdn.net", "www.instagram.com", "en.wikipedia.org",
                         "www.bbc.co.uk", "mail.google.com", "www.linkedin.com", "www.tiktok.com", "intranet.example"};
  const char* roles[] = {"pupil", "former_pupil", "parent", "colleague", "family", "public"};
  const char* actions[] = {"friend_request_received", "accept", "follow", "message_sent", "message_received"};
  for (int i = 0; i < 4096; ++i) {
    char time[40];
    std::snprintf(time, sizeof time, "2026-%02d-%02dT%02d:%02d:00+00:00", 1 + static_cast<int>(rng() % 12),
                  1 + static_cast<int>(rng() % 28), static_cast<int>(rng() % 24), static_cast<int>(rng() % 60));
    switch (i % 8) {
      case 0: case 1: case 2: case 3:
        lines.push_back(std::string(R"({"kind":"web_access","user":"staff:u)") + std::to_string(i % 300) +
                        R"(","time":")" + time + R"(","host":")" + hosts[rng() % 9] + R"(","method":"CONNECT"})");
        break;
      case 4: case 5:
        lines.push_back(std::string(R"({"kind":"contact","staff":"staff:u1","action":")") + actions[rng() % 5] +
                        R"(","platform":"facebook","counterpart":{"role":")" + roles[rng() % 6] + R"(","age":)" +
                        std::to_string(8 + rng() % 20) + R"(,"related_to_staff":false},"time":")" + time + "\"}");
        break;
      case 6:
        lines.push_back(R"({"kind":"photo_capture","staff":"staff:u2","device":"personal","purpose":"official"})");
        break;
      default:
        lines.push_back(R"({"kind":"incident","staff":"staff:u3","type":"harassment","by":"parent","evidence":["screenshot"]})");
    }
  }
  return lines;
}

std::vector<Event> events() {
  std::vector<Event> out;
  for (const auto& line : event_lines()) out.push_back(*parse_event(line, 1));
  return out;
}

void BM_Decide(benchmark::State& state, const char* id) {
  auto pack = resolve_pack(id);
  if (!pack) {
    state.SkipWithError(pack.error().message.c_str());
    return;
  }
  auto all = events();
  std::size_t i = 0;
  for (auto _ : state) {
    Verdict v = decide(all[i++ & 4095], {}, **pack, nullptr);
    benchmark::DoNotOptimize(v.outcome);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_ParseAndDecide(benchmark::State& state, const char* id) {
  auto pack = resolve_pack(id);
  auto lines = event_lines();
  std::size_t i = 0;
  for (auto _ : state) {
    auto e = parse_event(lines[i++ & 4095], 1);
    Verdict v = decide(*e, {}, **pack, nullptr);
    benchmark::DoNotOptimize(v.outcome);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_LoadPack(benchmark::State& state, const char* id) {
  std::string name = std::string("packs/") + id + ".toml";
  auto text = embedded_file(name);
  for (auto _ : state) {
    auto pack = parse_pack(*text, name);
    benchmark::DoNotOptimize(pack);
  }
}

#define PACKS(BM)                                                   \
  BENCHMARK_CAPTURE(BM, salterlee_2017, "salterlee-2017");           \
  BENCHMARK_CAPTURE(BM, willow_lane_2021, "willow-lane-2021");       \
  BENCHMARK_CAPTURE(BM, firm_foundations_2025, "firm-foundations-2025"); \
  BENCHMARK_CAPTURE(BM, polymat_2023, "polymat-2023");               \
  BENCHMARK_CAPTURE(BM, protocol_2010, "protocol-2010")

PACKS(BM_Decide);
PACKS(BM_ParseAndDecide);
PACKS(BM_LoadPack)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace smpolicy
