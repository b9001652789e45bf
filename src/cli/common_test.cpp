#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "cli/cli.hpp"

namespace smpolicy::cli {
namespace {

using Lines = std::vector<std::pair<int, std::string>>;

// Writes `bytes` to a file of its own and reads it back as check and decide do.
Lines lines_of(const std::string& bytes) {
  auto path = std::filesystem::temp_directory_path() / ("smpolicy_common_test_" + std::to_string(::getpid()));
  std::ofstream(path, std::ios::binary) << bytes;
  Lines lines;
  bool readable = for_each_input_line({path.string()}, [&](std::string_view line, int number, const std::string& source) {
    EXPECT_EQ(source, path.string());
    lines.emplace_back(number, std::string(line));
  });
  std::filesystem::remove(path);
  EXPECT_TRUE(readable);
  return lines;
}

TEST(InputLines, BlankLinesAreSkippedButCountedAndCarriageReturnsDropped) {
  EXPECT_EQ(lines_of("a\r\n\n \t\nb\n"), (Lines{{1, "a"}, {4, "b"}}));
  EXPECT_EQ(lines_of(" a\n\t\r\n\tb \n"), (Lines{{1, " a"}, {3, "\tb "}}));
}

TEST(InputLines, ALastLineWithoutItsNewlineIsStillALine) {
  EXPECT_EQ(lines_of("a\nb"), (Lines{{1, "a"}, {2, "b"}}));
  EXPECT_EQ(lines_of(""), Lines{});
}

TEST(InputLines, LinesAcrossTheEndOfABlockAreWhole) {
  // Lines of 1,000 bytes and one of 200,000: many cross a 64 KiB block's end, and the
  // long one spans several blocks.
  std::string bytes;
  Lines expected;
  for (int i = 1; i <= 300; ++i) {
    std::string line(i == 150 ? 200000 : 1000, static_cast<char>('a' + i % 26));
    bytes += line + "\n";
    expected.emplace_back(i, line);
  }
  EXPECT_EQ(lines_of(bytes), expected);
}

TEST(InputLines, AFileThatCannotBeOpenedIsSaid) {
  EXPECT_FALSE(for_each_input_line({"/nonexistent/smpolicy/input.jsonl"}, [](std::string_view, int, const std::string&) {}));
}

}  // namespace
}  // namespace smpolicy::cli
