#include "core/core.hpp"

namespace smpolicy {

std::expected<std::vector<CsvRow>, Error> parse_csv(std::string_view text, std::string_view name) {
  std::vector<CsvRow> rows;
  CsvRow row;
  CsvCell cell;
  int line = 1, column = 1;
  bool quoted = false, cell_started = false;
  int quote_line = 0, quote_column = 0;
  auto end_cell = [&] {
    row.cells.push_back(std::move(cell));
    cell = CsvCell{};
    cell_started = false;
  };
  auto end_row = [&] {
    end_cell();
    bool blank = row.cells.size() == 1 && row.cells[0].text.empty();
    if (!blank) rows.push_back(std::move(row));
    row = CsvRow{};
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (!cell_started) {
      cell.column = column;
      if (row.cells.empty()) row.line = line;
      cell_started = true;
      if (c == '"') {
        quoted = true;
        quote_line = line;
        quote_column = column;
        ++column;
        continue;
      }
    }
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell.text += '"';
        ++i;
        column += 2;
      } else if (c == '"') {
        quoted = false;
        ++column;
      } else {
        cell.text += c;
        if (c == '\n') { ++line; column = 1; } else { ++column; }
      }
      continue;
    }
    if (c == ',') {
      end_cell();
      ++column;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_row();
      ++line;
      column = 1;
    } else {
      cell.text += c;
      ++column;
    }
  }
  if (quoted) {
    return fail(ErrorCode::parse, std::string(name) + ":" + std::to_string(quote_line) + ":" +
                                      std::to_string(quote_column) + ": quoted cell is never closed");
  }
  if (cell_started || !row.cells.empty()) end_row();
  return rows;
}

}  // namespace smpolicy
