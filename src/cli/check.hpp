// Private to the check command: the batch mode, which cmd_check.cpp runs for --jsonl.
#pragma once

#include <string>
#include <vector>

#include "cli/cli.hpp"

namespace smpolicy::cli {

struct BatchOptions {
  bool json = false;        // one verdict object a line, else the human view
  std::size_t threads = 1;  // 1 decides on the calling thread
};

struct BatchResult {
  bool readable = true;  // false when the file could not be opened
  bool bad_input = false;  // some line was not a post; each was named on stderr
  Outcome worst = Outcome::allow;
};

// Decides every non-blank line of `path` ("-" for stdin) as a post (see parse_text_line)
// and writes one verdict a line to stdout in the input's order, whatever `threads`; a bad
// line is named on stderr, where it falls among the verdicts. A progress line goes to
// stderr when it is a terminal. `school` is only read, so threads share it.
BatchResult check_batch(const std::string& path, const School& school, const BatchOptions& options);

}  // namespace smpolicy::cli
