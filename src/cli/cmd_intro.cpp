// `smpolicy` with no arguments: what it is, and a worked example on the bundled packs.
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/cli.hpp"

namespace smpolicy::cli {
namespace {

constexpr const char* k_commands =
    "Commands:\n"
    "  smpolicy policy list                      the bundled policy packs\n"
    "  smpolicy policy show ID [--coverage]      a pack's clauses, in our words, with its rules\n"
    "  smpolicy policy lint FILE...              check a pack file; errors as file:line:col\n"
    "  smpolicy policy diff ID ID [--json]       what one policy permits that another forbids\n"
    "  smpolicy check --policy ID [--roster F] \"TEXT\" | --file F | --jsonl F\n"
    "                                            may I post this? findings marked, verdict, what to do\n"
    "  smpolicy decide --policy ID [--roster F] [--json] [EVENTS.jsonl...]\n"
    "                                            one verdict per event (JSON lines, or stdin)\n"
    "  smpolicy monitor LOG... --policy ID [--report text|csv|json|html]\n"
    "                                            proxy logs against the permitted times and sites\n"
    "  smpolicy eval                             detectors and packs against the labelled posts\n"
    "  smpolicy admin create-school --name N --pack ID   a school in the store (./smpolicy-data)\n"
    "  smpolicy roster import FILE --school ID [--commit] preview, then all-or-nothing import\n"
    "  smpolicy audit verify                     the audit log's hash chain, first broken link named\n"
    "  smpolicy backup FILE                      a consistent online copy of the store\n"
    "Exit status: 0 done, 1 could not run, 2 ran but some input was bad (named on stderr);\n"
    "check also answers 3 needs permission, 4 breach.\n"
    "Event and pack formats: docs/packs.md.\n";

// A small invented roster for the worked example.
constexpr const char* k_demo_roster =
    "id,role,given_name,family_name,photo_consent\n"
    "pupil:1001,pupil,Oliver,Bennett,print;website\n"
    "staff:jsmith,staff,Jane,Smith,\n";

}  // namespace

int run_help() {
  std::cout << "smpolicy: a school's staff social media policy, working.\n\n" << k_commands;
  return k_exit_ok;
}

int run_intro() {
  std::cout << "smpolicy turns a school's staff social media policy into answers that cite its\n"
               "clauses: may I post this, may I accept this friend request, was this web visit\n"
               "allowed. Each school's policy is a pack; five real policies are bundled.\n\n"
            << k_commands << "\nWorked example: three everyday events, decided by two schools' packs.\n";
  auto examples = embedded_file("data/examples.jsonl");
  auto roster = parse_roster(k_demo_roster, "demo roster");
  if (!examples || !roster) return k_exit_failed;
  for (const char* id : {"salterlee-2017", "polymat-2023"}) {
    auto pack = resolve_pack(id);
    if (!pack) {
      std::fprintf(stderr, "%s\n", pack.error().message.c_str());
      return k_exit_failed;
    }
    School school = make_school(std::move(*pack), std::make_unique<Roster>(roster->roster));
    std::cout << "\n== " << school.pack->info.title << " ==\n";
    for_each_line(*examples, [&](std::string_view line, int number) {
      auto event = parse_event(line, number);
      if (!event) return;
      auto checked = check(*event, school);
      std::cout << "\n" << render_text(checked.verdict, *event, checked.findings, colour_output());
    });
  }
  return k_exit_ok;
}

}  // namespace smpolicy::cli
