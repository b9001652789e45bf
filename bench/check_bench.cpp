// The post checker's speed: the whole pipeline (normalise, every detector, decide) on
// 280-character posts with a 2,000-person roster, and compiling a local authority's
// 100,000-person roster. Run: build/check_bench
// Targets (issue "Check a post"): >= 50 MB/s through `check --jsonl` on one core; a
// 100,000-person roster compiles in < 3 s and < 500 MB resident.
#include <benchmark/benchmark.h>

#include <random>

#include "pipeline/pipeline.hpp"

namespace smpolicy {
namespace {

const char* k_given[] = {"Oliver", "Amelia", "Noah", "Isla", "George", "Ava", "Muhammad", "Grace", "Leo", "Freya",
                         "Arthur", "Lily", "Harry", "Zofia", "Will", "Rose", "Jack", "Mia", "Theo", "Siobhan"};
const char* k_family[] = {"Smith", "Jones", "Taylor", "Brown", "Khan", "Patel", "Wilson", "Evans", "Nowak", "Hughes",
                          "Okafor", "Murphy", "Hill", "Wood", "Clarke", "Shaw", "Walsh", "Ahmed", "Price", "Bennett"};

std::string roster_csv(int people) {
  std::string csv = "id,role,given_name,family_name,photo_consent\n";
  for (int i = 0; i < people; ++i) {
    csv += (i % 10 == 0 ? "staff:" : "pupil:") + std::to_string(i) + (i % 10 == 0 ? ",staff," : ",pupil,") +
           k_given[i % 20] + "," + k_family[(i / 20) % 20] + std::to_string(i / 400) + ",print\n";
  }
  return csv;
}

// Posts as a teacher might write them: mostly benign, some naming people, some swearing,
// some with a phone number; about 280 characters each.
std::vector<Event> posts(int count) {
  const char* pieces[] = {"Lovely sunny afternoon at the allotment with the family. ",
                          "Well done Oliver Smith0 for star of the week in my class! ",
                          "Parents evening tonight, bring your questions. ",
                          "Call me on 07700 900123 if you find a blue coat. ",
                          "What a sh1t day, honestly so fed up with it all. ",
                          "Will and Grace re-runs and a takeaway, perfect Friday. ",
                          "Reading the new Rose Tremain novel, highly recommend. ",
                          "See https://bit.ly/abc for the summer fair details. "};
  std::mt19937 rng(5);
  std::vector<Event> out;
  for (int i = 0; i < count; ++i) {
    std::string text;
    while (text.size() < 240) text += pieces[rng() % 8];
    text.resize(280, ' ');
    Event e = make_event(Kind::post);
    (void)set_field(e, "account", "personal");
    (void)set_field(e, "text", text);
    out.push_back(std::move(e));
  }
  return out;
}

School school_with(int people) {
  auto pack = resolve_pack("salterlee-2017");
  auto roster = parse_roster(roster_csv(people), "bench.csv");
  return make_school(std::move(*pack), std::make_unique<Roster>(std::move(roster->roster)));
}

// Checks posts one after another; `as_json` also writes each verdict as `check --json` does.
void check_posts(benchmark::State& state, bool as_json) {
  School school = school_with(2000);
  auto all = posts(1024);
  std::size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const Event& e = all[i++ & 1023];
    auto checked = check(e, school);
    if (as_json) {
      std::string out;
      school.renderer->append(out, checked.verdict, e, checked.findings, JsonDetail::with_detected);
      benchmark::DoNotOptimize(out);
    }
    benchmark::DoNotOptimize(checked.verdict.outcome);
    bytes += e.field("text").text.size();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}

void BM_CheckPost(benchmark::State& state) { check_posts(state, false); }
void BM_CheckPostAsJson(benchmark::State& state) { check_posts(state, true); }
BENCHMARK(BM_CheckPost);
BENCHMARK(BM_CheckPostAsJson);

void BM_CompileMatcher(benchmark::State& state) {
  auto pack = resolve_pack("salterlee-2017");
  auto roster = parse_roster(roster_csv(static_cast<int>(state.range(0))), "bench.csv");
  (void)compile_matcher(**pack, &roster->roster);  // the shared lexicon is built once per process
  for (auto _ : state) {
    auto matcher = compile_matcher(**pack, &roster->roster);
    benchmark::DoNotOptimize(matcher);
  }
}
BENCHMARK(BM_CompileMatcher)->Arg(2000)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace smpolicy
