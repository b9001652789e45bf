// Private to core: an RFC 4180 CSV reader that remembers where each cell started, so
// errors can name line and column.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace smpolicy::csv {

struct Cell {
  std::string text;
  int column = 1;  // 1-based byte column where the cell starts
};

struct Row {
  std::vector<Cell> cells;
  int line = 1;  // 1-based line where the row starts
};

// Splits `text` into rows. A quoted cell may hold commas, doubled quotes and newlines.
// An unterminated quote ends the input; `error` then says where it began.
std::vector<Row> parse(std::string_view text, std::string* error);

}  // namespace smpolicy::csv
