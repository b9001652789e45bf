#include <gtest/gtest.h>

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

TEST(BatchLines, LinesAreForEachInputLines) {
  struct Row {
    std::string bytes;
    Lines lines;
  };
  const Row rows[] = {
      {"", {}},
      {"a\r\n\n \t\nb\n", {{1, "a"}, {4, "b"}}},
      {" a\n\t\r\n\tb \n", {{1, " a"}, {3, "\tb "}}},
      {"a\nb", {{1, "a"}, {2, "b"}}},
      {"\n\n", {}},
      {"a\r", {{1, "a"}}},
  };
  for (const Row& row : rows) EXPECT_EQ(read_all(row.bytes).first, row.lines) << row.bytes;
}

TEST(BatchLines, ABlockEndsAfterAWholeLineAndLongLinesStayWhole) {
  // Lines of 1,000 bytes and one of 200,000: many cross the end of a 64 KiB read, and the
  // long one takes several reads.
  std::string bytes;
  Lines expected;
  for (int i = 1; i <= 300; ++i) {
    std::string line(i == 150 ? 200000 : 1000, static_cast<char>('a' + i % 26));
    bytes += line + "\n";
    expected.emplace_back(i, line);
  }
  auto [lines, blocks] = read_all(bytes);
  EXPECT_EQ(lines, expected);
  EXPECT_GT(blocks, 3);
}

TEST(BatchLines, ABlockOfBlankLinesNamesNoneAndReadingGoesOn) {
  std::string bytes(100000, '\n');
  bytes += "x\n";
  EXPECT_EQ(read_all(bytes).first, (Lines{{100001, "x"}}));
}

}  // namespace
}  // namespace smpolicy::cli
