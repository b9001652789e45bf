// smpolicy decide --policy ID [--roster FILE] [--json] [FILE...]
#include <cstdio>
#include <iostream>

#include "cli/cli.hpp"

namespace smpolicy::cli {

int run_decide(const std::vector<std::string>& argv) {
  Args args = parse_args(argv, {"policy", "roster", "school"}, {"json"});
  if (!args.error.empty()) {
    std::fprintf(stderr, "smpolicy decide: %s\nusage: smpolicy decide --policy ID [--roster FILE] [--school FILE] [--json] [EVENTS.jsonl...]\n", args.error.c_str());
    return k_exit_failed;
  }
  bool bad_input = false;
  auto school = load_school(args, &bad_input);
  if (!school) return k_exit_failed;
  bool json = args.has("json"), colour = !json && colour_output();
  std::string out;
  bool readable = for_each_input_line(args.positional, [&](std::string_view line, int number, const std::string& name) {
    auto event = parse_event(line, number);
    if (!event) {
      std::cout << std::flush;
      std::fprintf(stderr, "%s:%s\n", name.c_str(), event.error().message.c_str());
      bad_input = true;
      return;
    }
    auto checked = check(*event, *school);
    out = json ? render_json(checked.verdict, *event, checked.findings) + "\n"
               : render_text(checked.verdict, *event, checked.findings, colour) + "\n";
    std::cout << out;
  });
  std::cout << std::flush;
  if (!readable) return k_exit_failed;
  return bad_input ? k_exit_bad_input : k_exit_ok;
}

}  // namespace smpolicy::cli
