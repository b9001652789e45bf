// Private to monitor: reading a log on several threads. The text is cut at line ends into
// one range per thread, each cut in a quiet spell of the log (range_cut.cpp). Each thread
// reads its range on its own, line by line, into an Impl of its own (names, visits,
// tallies and problems of its own), exactly as one thread reads a whole source; the
// first range is read straight into the Monitor's Impl. The ranges are then joined to it
// in order (range_merge.cpp): a join first checks that the range, read from nothing,
// came out as reading on from the lines before it would have, and when it did not, the
// range is read again on the calling thread. See ranges.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "monitor/impl.hpp"

namespace smpolicy::monitor {

// The next line of `text` from `pos`: its bytes without the newline, and where the line
// after it begins. A line may end at the end of the text with no newline.
struct NextLine {
  std::string_view line;  // may end with '\r'; longer than k_max_line when too long
  std::size_t next = 0;
};
NextLine next_line(std::string_view text, std::size_t pos);

// A source's bytes by offset: text in memory, or a file read a buffer at a time through
// Monitor::ReadAt (source_bytes.cpp). Threads may walk it at once.
class SourceBytes {
 public:
  // A block of whole lines and its offset; false stops the walk.
  using Each = std::function<bool(std::string_view block, std::uint64_t offset)>;
  // A line too long for a block, skipped: its length without the newline.
  using Overlong = std::function<void(std::size_t bytes)>;
  static constexpr std::size_t k_buffer = std::size_t{1} << 20;

  explicit SourceBytes(std::string_view text) : m_text(text), m_size(text.size()) {}
  SourceBytes(std::uint64_t size, const Monitor::ReadAt& read_at) : m_size(size), m_read_at(&read_at) {}
  std::uint64_t size() const { return m_size; }

  // Passes [begin, end) in blocks of whole lines (the block holding `end` may end without
  // a newline, as the last line of a file may); in memory, the whole stretch is one block.
  // A line too long for the buffer goes to `overlong` instead. False when reading failed.
  bool walk(std::uint64_t begin, std::uint64_t end, const Each& each, const Overlong& overlong) const;
  // The first failure of any walk.
  std::optional<Error> error() const;

 private:
  bool read(std::uint64_t offset, std::span<char> into, std::size_t& got) const;

  std::string_view m_text;
  std::uint64_t m_size = 0;
  const Monitor::ReadAt* m_read_at = nullptr;
  mutable std::mutex m_mutex;
  mutable std::optional<Error> m_error;
};

// Reads each line of `block` into `impl`, as Monitor::add_line and add_overlong_line do.
void read_lines(Monitor::Impl& impl, std::string_view block);
// Reads [begin, end) of `bytes` into `impl` line by line. False when reading failed.
bool read_lines(Monitor::Impl& impl, const SourceBytes& bytes, std::uint64_t begin, std::uint64_t end);

struct CutSettings {
  LogFormat format = LogFormat::squid;
  const TimeZone* zone = nullptr;
  std::int64_t gap_ms = 0;        // VisitBook::gap
  std::size_t ranges = 1;         // how many the text is cut into at most, by length
  std::size_t range_bytes = 0;    // when not 0, the length a range aims at instead
  bool anywhere = false;          // cut at the first line end past each aim
};

// Where the ranges of [begin, bytes.size()) begin: `begin`, then each cut, then the end.
// A cut is the start of a line stamped more than twice the gap and a second after every
// line read before it in the search: the sweep it brings closes every visit that ended
// before it, and it is not out of order. The search for each cut starts where the range
// before it reaches its aimed length (reading up to 64 KiB before that, for the stamps to
// compare with) and gives up after as much again (32 MiB at most); a range with no cut
// found runs on into the next. With `anywhere`, each cut is the first line start at or
// after the aim.
std::vector<std::uint64_t> find_cuts(const SourceBytes& bytes, std::uint64_t begin, const CutSettings& settings);

// Joins `range`, an Impl that read the lines right after those `into` has read, from
// nothing, to `into`: names, line numbers, totals, problems, visits and tallies come out
// as if `into` had read the lines itself. False, with neither changed, when the range's
// start depends on the lines before it (a visit still open, a line out of order, a sweep
// not due): the caller then reads the range's text into `into` itself.
bool join_range(Monitor::Impl& into, Monitor::Impl& range);

// Reads `bytes` from `begin` to the end, the rest of the current source, whose format is
// known, on impl.options.threads threads, with the report reading it line by line would
// give. False when reading failed (bytes.error()).
bool read_ranges(Monitor::Impl& impl, const SourceBytes& bytes, std::uint64_t begin);

// Reads all of `bytes` as the rest of the current source: line by line until the format
// is known, then read_ranges. False when reading failed (bytes.error()).
bool read_source(Monitor::Impl& impl, const SourceBytes& bytes);

}  // namespace smpolicy::monitor
