// Where to cut a log into ranges that threads can read on their own: in a quiet spell,
// after which nothing of the lines before it is still open.
#include <algorithm>
#include <cstring>
#include <utility>

#include "monitor/ranges.hpp"

namespace smpolicy::monitor {
namespace {

// The start of the first line at or after `at`, or the end.
std::uint64_t line_start(const SourceBytes& bytes, std::uint64_t at) {
  if (at == 0) return 0;
  std::uint64_t start = bytes.size();
  auto each = [&](std::string_view block, std::uint64_t offset) {
    std::size_t nl = block.find('\n');
    if (nl == std::string_view::npos) return true;
    return start = offset + nl + 1, false;
  };
  // Short reads first, as the line is most likely short; none longer than a buffer, so
  // that each read is one block, however long the line.
  std::uint64_t window = 4096;
  for (std::uint64_t from = at - 1; from < bytes.size() && start == bytes.size(); from += window) {
    window = std::min<std::uint64_t>(window * 2, SourceBytes::k_buffer);
    bytes.walk(from, from + window, each, [](std::size_t) {});
  }
  return start;
}

// The most a search for one cut reads: in a school's log a night is never further away.
constexpr std::size_t k_max_search = std::size_t{32} << 20;
constexpr std::size_t k_look_back = std::size_t{64} << 10;

// The start of the first line at or after `at` (a line that starts at `at` counts) whose
// stamp is past every stamp read since `at` by more than `quiet_ms`, looking no further
// than `end`; the lines read before it must hold a stamp.
std::optional<std::uint64_t> quiet_spell(const SourceBytes& bytes, std::uint64_t at, std::uint64_t end, LineParser& parser,
                                         std::int64_t quiet_ms) {
  std::optional<std::uint64_t> found;
  std::optional<std::int64_t> latest;
  bool partial = at > 0;  // the line `at - 1` ends, to be skipped
  auto each = [&](std::string_view block, std::uint64_t offset) {
    for (std::size_t pos = 0; pos < block.size();) {
      NextLine next = next_line(block, pos);
      std::string_view line = next.line;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!std::exchange(partial, false) && line.size() <= k_max_line && !blank(line)) {
        if (auto hit = parser.parse(line)) {
          if (latest && hit->end_ms > *latest + quiet_ms) return found = offset + pos, false;
          latest = std::max(latest.value_or(hit->end_ms), hit->end_ms);
        }
      }
      pos = next.next;
    }
    return true;
  };
  bytes.walk(at - (at > 0), end, each, [&](std::size_t) { partial = false; });
  return found;
}

}  // namespace

NextLine next_line(std::string_view text, std::size_t pos) {
  const char* found = static_cast<const char*>(std::memchr(text.data() + pos, '\n', text.size() - pos));
  std::size_t end = found ? static_cast<std::size_t>(found - text.data()) : text.size();
  return NextLine{text.substr(pos, end - pos), found ? end + 1 : end};
}

std::vector<std::uint64_t> find_cuts(const SourceBytes& bytes, std::uint64_t begin, const CutSettings& s) {
  std::vector<std::uint64_t> cuts{begin};
  std::uint64_t size = bytes.size();
  std::uint64_t ranges = std::max<std::size_t>(s.ranges, 1);
  std::uint64_t aim = s.range_bytes ? s.range_bytes : (size - begin + ranges - 1) / ranges;
  aim = std::max<std::uint64_t>(aim, 1);
  LineParser parser(s.format, *s.zone);
  // A stamp more than two gaps past the latest one: every visit before it has ended two
  // gaps before it, so the sweep it brings closes them all. A second more keeps it clear
  // of the check for lines out of order, which allows a second.
  std::int64_t quiet_ms = 2 * s.gap_ms + 1000;
  for (std::uint64_t at = begin + aim; at < size;) {
    std::uint64_t end = std::min({size, at + aim, at + k_max_search});
    // A spell right at `at` shows only against the lines before it: the search reads a few.
    std::uint64_t from = std::max(cuts.back() + 1, at - std::min<std::uint64_t>({at, aim, k_look_back}));
    std::optional<std::uint64_t> cut = s.anywhere ? line_start(bytes, at) : quiet_spell(bytes, from, end, parser, quiet_ms);
    if (cut && *cut >= size) break;
    if (cut) cuts.push_back(*cut);
    at = cut ? *cut + aim : end;
  }
  cuts.push_back(size);
  return cuts;
}

}  // namespace smpolicy::monitor
