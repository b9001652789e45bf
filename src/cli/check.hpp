// Private to the check command: the batch mode, which cmd_check.cpp runs for --jsonl.
#pragma once

#include <istream>
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

// Where one line lies in a batch's text, and its number in the input.
struct BatchLine {
  std::size_t begin, size;
  int number;
};

// A stream's lines read in blocks straight into the text of batches, each block cut after
// its last whole line: the read is a line's one copy, where a reader's buffer and then a
// batch's text were two. Lines are for_each_input_line's: a '\r' before the newline
// dropped, blank ones skipped (their numbers still count), and a last line without its
// newline still a line.
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

// Decides every non-blank line of `path` ("-" for stdin) as a post (see parse_text_line)
// and writes one verdict a line to stdout in the input's order, whatever `threads`; a bad
// line is named on stderr, where it falls among the verdicts. A progress line goes to
// stderr when it is a terminal. `school` is only read, so threads share it.
BatchResult check_batch(const std::string& path, const School& school, const BatchOptions& options);

}  // namespace smpolicy::cli
