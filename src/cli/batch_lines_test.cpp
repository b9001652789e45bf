#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "cli/check.hpp"

namespace smpolicy::cli {
namespace {

using Lines = std::vector<std::pair<int, std::string>>;

// Every line BatchLines hands on from `bytes`, and how many blocks it took.
std::pair<Lines, int> read_all(const std::string& bytes) {
  std::istringstream in(bytes);
  BatchLines reader(in);
  std::string text;
  std::vector<BatchLine> lines;
  std::size_t size = 0;
  Lines out;
  int blocks = 0;
  while (reader.next(text, lines, size)) {
    ++blocks;
    std::size_t counted = 0;
    for (const BatchLine& line : lines) {
      out.emplace_back(line.number, text.substr(line.begin, line.size));
      counted += line.size + 1;
    }
    EXPECT_EQ(size, counted);
  }
  return {out, blocks};
}

// The lines for_each_input_line (cli.hpp), which the other commands read with, hands on
// from `bytes` in a file of their own.
Lines input_lines(const std::string& bytes) {
  auto path = std::filesystem::temp_directory_path() / ("smpolicy_batch_lines_test_" + std::to_string(::getpid()));
  std::ofstream(path, std::ios::binary) << bytes;
  Lines lines;
  for_each_input_line({path.string()}, [&](std::string_view line, int number, const std::string&) { lines.emplace_back(number, line); });
  std::filesystem::remove(path);
  return lines;
}

// 300 lines of 1,000 bytes, the 150th of 200,000: many cross the end of a 64 KiB read,
// and the long one takes several reads.
std::string long_lines() {
  std::string bytes;
  for (int i = 1; i <= 300; ++i) bytes += std::string(i == 150 ? 200000 : 1000, static_cast<char>('a' + i % 26)) + "\n";
  return bytes;
}

TEST(BatchLines, LinesAreForEachInputLines) {
  const std::string inputs[] = {"",      "a\r\n\n \t\nb\n", " a\n\t\r\n\tb \n", "a\nb", "\n\n", "a\r", long_lines(),
                                // a block of blank lines names none, and reading goes on
                                std::string(100000, '\n') + "x\n"};
  for (const auto& bytes : inputs) {
    auto expected = input_lines(bytes);
    EXPECT_EQ(read_all(bytes).first, expected) << bytes.substr(0, 20);
  }
  EXPECT_EQ(read_all("a\r\n\n \t\nb\n").first, (Lines{{1, "a"}, {4, "b"}}));
}

TEST(BatchLines, ABlockEndsAfterAWholeLineSoALongInputTakesSeveral) {
  auto [lines, blocks] = read_all(long_lines());
  EXPECT_EQ(lines.size(), 300u);
  EXPECT_GT(blocks, 3);
}

}  // namespace
}  // namespace smpolicy::cli
