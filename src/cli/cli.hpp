// cli: `smpolicy <command>`. Each command is one function taking the arguments after its
// name and returning the exit status. Exit statuses: 0 done; 1 the command could not run
// (usage, unreadable pack); 2 it ran but some input was bad (named on stderr).
#pragma once

#include <functional>
#include <istream>
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

// Where one line lies in a batch's text, and its number in the input.
struct BatchLine {
  std::size_t begin, size;
  int number;
};

// A stream's lines read in blocks straight into the text of batches, each block cut after
// its last whole line: the read is a line's one copy, where a reader's buffer and then a
// batch's text were two. Lines are every reader's: a '\r' before the newline dropped, blank
// ones (blank_line) skipped, their numbers still counted, and a last line without its
// newline still a line. `check --jsonl` batches by it, and for_each_input_line reads
// files with it.
class BatchLines {
 public:
  explicit BatchLines(std::istream& in) : m_in(in) {}
  // The next block's whole lines into `text`, each named in `lines`, both cleared first
  // (keeping their room); `bytes` is set to the bytes of the lines named, a newline each.
  // A block may name no line (all blank). False, with nothing read, at the end of input.
  bool next(std::string& text, std::vector<BatchLine>& lines, std::size_t& bytes);

 private:
  std::istream& m_in;
  std::string m_rest;  // the start of a line the last block cut, which begins the next
  int m_number = 0;    // of the last line met, blank or not
};

// Whether an input line holds nothing but spaces and tabs; every reader skips such a line.
bool blank_line(std::string_view line);

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
