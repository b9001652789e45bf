#include <cstdio>
#include <string>
#include <vector>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
  using namespace smpolicy::cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return run_intro();
  std::string command = args.front();
  args.erase(args.begin());
  if (command == "help" || command == "--help" || command == "-h") return run_help();
  if (command == "policy") return run_policy(args);
  if (command == "decide") return run_decide(args);
  if (command == "check") return run_check(args);
  if (command == "eval") return run_eval(args);
  if (command == "monitor") return run_monitor(args);
  if (command == "admin") return run_admin(args);
  if (command == "roster") return run_roster(args);
  if (command == "audit") return run_audit(args);
  if (command == "backup") return run_backup(args);
  if (command == "serve") return run_serve(args);
  std::fprintf(stderr, "smpolicy: unknown command '%s' (try: smpolicy help)\n", command.c_str());
  return k_exit_failed;
}
