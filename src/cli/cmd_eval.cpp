// smpolicy eval [--set FILE] [--roster FILE] [--school FILE] [--json]: scores the
// detectors and every bundled pack against the labelled evaluation set.
#include <cstdio>
#include <iostream>

#include "cli/cli.hpp"
#include "evaluate/evaluate.hpp"

namespace smpolicy::cli {

int run_eval(const std::vector<std::string>& argv) {
  Args args = parse_args(argv, {"set", "roster", "school", "min-confidence"}, {"json"});
  if (!args.error.empty() || !args.positional.empty()) {
    std::fprintf(stderr, "usage: smpolicy eval [--set FILE] [--roster FILE] [--school FILE] [--min-confidence X] [--json]\n");
    return k_exit_failed;
  }
  std::string dir = "tests/data/eval/";
  auto posts = load_labelled_posts(args.get("set").value_or(dir + "posts.jsonl"));
  auto roster = load_roster(args.get("roster").value_or(dir + "roster.csv"));
  auto identity = load_school_identity(args.get("school").value_or(dir + "school.toml"));
  for (const Error* e : {posts ? nullptr : &posts.error(), roster ? nullptr : &roster.error(),
                         identity ? nullptr : &identity.error()}) {
    if (e) {
      std::fprintf(stderr, "%s\n", e->message.c_str());
      return k_exit_failed;
    }
  }
  std::vector<School> schools;
  for (const auto& id : bundled_pack_ids()) {
    auto pack = resolve_pack(id);
    if (!pack) {
      std::fprintf(stderr, "%s\n", pack.error().message.c_str());
      return k_exit_failed;
    }
    (*pack)->school = *identity;
    schools.push_back(make_school(std::move(*pack), std::make_unique<Roster>(roster->roster)));
  }
  std::vector<const School*> pointers;
  for (const auto& s : schools) pointers.push_back(&s);
  float min_confidence = std::stof(args.get("min-confidence").value_or("0.5"));
  auto evaluation = evaluate(*posts, pointers, min_confidence);
  std::cout << render_evaluation(evaluation, args.has("json") ? Format::json : Format::text);
  return k_exit_ok;
}

}  // namespace smpolicy::cli
