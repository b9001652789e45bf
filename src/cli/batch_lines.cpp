// BatchLines (cli.hpp): a stream's lines read straight into the text of batches.
#include <cstring>

#include "cli/cli.hpp"

namespace smpolicy::cli {
namespace {

// What one read asks for: the size of a batch's text, near enough.
constexpr std::size_t k_block = std::size_t{1} << 16;

// `text` cut to its first `size` bytes. resize_and_overwrite, unlike resize, neither
// zeroes what it adds nor calls into the library.
void cut(std::string& text, std::size_t size) {
  text.resize_and_overwrite(size, [&](char*, std::size_t) { return size; });
}

}  // namespace

// Its first byte mostly rules a line out.
bool blank_line(std::string_view line) {
  return line.empty() || ((line[0] == ' ' || line[0] == '\t') && line.find_first_not_of(" \t") == std::string_view::npos);
}

bool BatchLines::next(std::string& text, std::vector<BatchLine>& lines, std::size_t& bytes) {
  lines.clear();
  bytes = 0;
  text.assign(m_rest);
  // Reads until the text holds a newline, or the input ends: a line longer than a block
  // takes several.
  std::size_t whole = std::string::npos;  // the bytes up to and with the last newline
  bool ended = false;
  while (whole == std::string::npos && !ended) {
    std::size_t used = text.size();
    // Room without zeroing; the size handed to the callback is not used (GCC 12's
    // libstdc++ hands it the grown capacity when the string grows).
    text.resize_and_overwrite(used + k_block, [&](char*, std::size_t) { return used + k_block; });
    m_in.read(text.data() + used, static_cast<std::streamsize>(k_block));
    auto got = static_cast<std::size_t>(m_in.gcount());
    cut(text, used + got);
    ended = got == 0;
    // The bytes kept from before hold no newline, so the search is of those just read.
    std::size_t last = std::string_view(text).substr(used).rfind('\n');
    if (last != std::string::npos) whole = used + last + 1;
  }
  if (text.empty()) return false;
  if (ended) whole = text.size();  // as std::getline, a last line without its newline
  m_rest.assign(text, whole);
  cut(text, whole);
  // Lines named by where they lie; the counts are kept in locals, as a store of a line's
  // place would make the compiler read members and references again.
  int number = m_number;
  std::size_t total = 0;
  for (std::size_t begin = 0; begin < whole;) {
    const void* found = std::memchr(text.data() + begin, '\n', whole - begin);
    std::size_t end = found ? static_cast<std::size_t>(static_cast<const char*>(found) - text.data()) : whole;
    ++number;
    std::string_view line(text.data() + begin, end - begin);
    begin = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (blank_line(line)) continue;
    lines.push_back(BatchLine{static_cast<std::size_t>(line.data() - text.data()), line.size(), number});
    total += line.size() + 1;
  }
  m_number = number;
  bytes = total;
  return true;
}

}  // namespace smpolicy::cli
