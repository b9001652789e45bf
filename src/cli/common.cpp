#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>
#include <unistd.h>

#include "cli/cli.hpp"

namespace smpolicy::cli {

std::optional<School> load_school(const Args& args, bool* bad_input) {
  auto id = args.get("policy");
  if (!id) {
    std::fprintf(stderr, "smpolicy: --policy is required (a bundled id such as salterlee-2017, or a pack file)\n");
    return std::nullopt;
  }
  auto pack = resolve_pack(*id);
  if (!pack) {
    std::fprintf(stderr, "%s\n", pack.error().message.c_str());
    return std::nullopt;
  }
  if (auto path = args.get("school")) {
    auto identity = load_school_identity(*path);
    if (!identity) {
      std::fprintf(stderr, "%s\n", identity.error().message.c_str());
      return std::nullopt;
    }
    adopt_identity(**pack, std::move(*identity));
  }
  std::unique_ptr<Roster> roster;
  if (auto path = args.get("roster")) {
    auto loaded = load_roster(*path);
    if (!loaded) {
      std::fprintf(stderr, "%s\n", loaded.error().message.c_str());
      return std::nullopt;
    }
    for (const auto& e : loaded->row_errors) std::fprintf(stderr, "%s (row left out)\n", e.message.c_str());
    if (!loaded->row_errors.empty()) *bad_input = true;
    roster = std::make_unique<Roster>(std::move(loaded->roster));
  }
  return make_school(std::move(*pack), std::move(roster));
}

namespace {

using EachLine = std::function<void(std::string_view, int, const std::string&)>;

// Standard input line by line, so a pipe's lines are handed on as they come; each as
// BatchLines gives a file's: its '\r' dropped, a blank one skipped (its number counts).
void read_lines(std::istream& in, const std::string& name, const EachLine& each) {
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string_view text(line);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (!blank_line(text)) each(text, number, name);
  }
}

// A file in blocks of 64 KiB (BatchLines), each line handed on as a view into the block.
void read_blocks(std::istream& in, const std::string& name, const EachLine& each) {
  BatchLines blocks(in);
  std::string text;
  std::vector<BatchLine> lines;
  std::size_t bytes = 0;
  while (blocks.next(text, lines, bytes)) {
    for (const BatchLine& line : lines) each(std::string_view(text).substr(line.begin, line.size), line.number, name);
  }
}

}  // namespace

bool for_each_input_line(const std::vector<std::string>& files, const EachLine& each) {
  if (files.empty()) {
    read_lines(std::cin, "<stdin>", each);
    return true;
  }
  for (const auto& file : files) {
    if (file == "-") {
      read_lines(std::cin, "<stdin>", each);
      continue;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "%s: cannot open\n", file.c_str());
      return false;
    }
    read_blocks(in, file, each);
  }
  return true;
}

std::optional<std::size_t> threads_option(const Args& args) {
  auto given = args.get("threads");
  if (!given) return std::max(1u, std::thread::hardware_concurrency());
  char* end = nullptr;
  long threads = std::strtol(given->c_str(), &end, 10);
  if (given->empty() || *end || threads < 1 || threads > 256) return std::nullopt;
  return static_cast<std::size_t>(threads);
}

bool colour_output() { return ::isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR"); }

}  // namespace smpolicy::cli

namespace smpolicy::cli {

std::expected<std::unique_ptr<store::Store>, Error> open_store(const Args& args) {
  std::string database = args.get("database").value_or(args.get("data").value_or("smpolicy-data"));
  return store::open_store(database, store::system_clock());
}

int usage(const char* text) {
  std::fprintf(stderr, "usage: smpolicy %s\n", text);
  return k_exit_failed;
}

int report(const Error& error, int status) {
  std::fprintf(stderr, "smpolicy: %s\n", error.message.c_str());
  return status;
}

}  // namespace smpolicy::cli
