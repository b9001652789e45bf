// cli: `smpolicy <command>`. Each command is one function taking the arguments after its
// name and returning the exit status. Exit statuses: 0 done; 1 the command could not run
// (usage, unreadable pack); 2 it ran but some input was bad (named on stderr).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/pipeline.hpp"
#include "store/store.hpp"

namespace smpolicy::cli {

inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_failed = 1;
inline constexpr int k_exit_bad_input = 2;

// Arguments of one command: positionals, and options (`--name value` for the names in
// `valued`, `--name` alone otherwise).
struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
  std::string error;  // non-empty when the arguments could not be read

  bool has(const std::string& name) const { return options.contains(name); }
  std::optional<std::string> get(const std::string& name) const;
};

Args parse_args(const std::vector<std::string>& argv, const std::vector<std::string>& valued,
                const std::vector<std::string>& flags);

// Loads the pack named by --policy (bundled id or file), the school's identity from
// --school FILE (a [school] table) when given, and the --roster, printing
// problems to stderr. Roster row errors are printed and set `*bad_input`; the school is
// still built from the good rows. nullopt when the command cannot go on.
std::optional<School> load_school(const Args& args, bool* bad_input);

// Calls `each(line_text, line_number, source_name)` for every non-blank line of the files
// named (or of stdin when none, or for "-"). Returns false when a file cannot be read.
bool for_each_input_line(const std::vector<std::string>& files,
                   const std::function<void(std::string_view, int, const std::string&)>& each);

// The --threads option: one thread per core when it is not given; nullopt when it is not a
// whole number from 1 to 256.
std::optional<std::size_t> threads_option(const Args& args);

// The store named by --database URL, or else the SQLite store in --data DIR (default
// ./smpolicy-data).
std::expected<std::unique_ptr<store::Store>, Error> open_store(const Args& args);

// Prints "usage: smpolicy TEXT" and returns k_exit_failed.
int usage(const char* text);
// Prints "smpolicy: MESSAGE" and returns `status`.
int report(const Error& error, int status = k_exit_failed);

// True when stdout is a terminal and NO_COLOR is unset.
bool colour_output();

int run_intro();
int run_help();
int run_policy(const std::vector<std::string>& argv);
int run_decide(const std::vector<std::string>& argv);
int run_check(const std::vector<std::string>& argv);
int run_eval(const std::vector<std::string>& argv);
int run_monitor(const std::vector<std::string>& argv);
int run_admin(const std::vector<std::string>& argv);
int run_roster(const std::vector<std::string>& argv);
int run_audit(const std::vector<std::string>& argv);
int run_backup(const std::vector<std::string>& argv);
int run_serve(const std::vector<std::string>& argv);

}  // namespace smpolicy::cli
