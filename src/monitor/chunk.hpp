// Private to monitor: reading a log on several threads. The text is cut at line ends into
// chunks; each thread reads a chunk into a Chunk (hits with names of its own, problems
// with line numbers of its own); the Monitor then takes the chunks in order, which gives
// names their indices and lines their numbers exactly as reading line by line would, and
// the threads group the hits into visits, each thread the visits of some (person, site)
// pairs, and decide them. See parallel.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string_view>
#include <unordered_map>
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

// A line's stamp, kept to find the lines out of order once the chunks are in order.
struct Stamp {
  std::int64_t end_ms = 0;
  std::uint64_t offset = 0;  // of the line within the source's text
  std::uint32_t line = 0;    // within the chunk, from 1
  std::uint32_t length = 0;  // without '\r'
  std::uint64_t hash = 0;    // SeenLines::hash, with drop_duplicates
};

// A hit that is part of a visit, with the chunk's own name indices.
struct ChunkHit {
  std::int64_t start_ms = 0, end_ms = 0;
  std::uint32_t who = 0, host = 0;  // indices into Chunk::names
  std::uint32_t edit = k_none;      // index into Chunk::edit_urls
  // The log has moved on a gap (VisitBook::sweep_due): first as the chunk alone would
  // schedule sweeps, then as the Monitor finds in order.
  bool sweep = false;
  std::string_view method;
};

struct Chunk {
  enum class NameKind : std::uint8_t { user, client, host };
  struct Name {
    NameKind kind = NameKind::user;
    std::string_view text;
    bool escaped = false;        // users: Squid escaped the name
    bool encyclopaedia = false;  // hosts
  };

  std::string_view text;
  std::uint64_t offset = 0;  // of text within the source's text

  // Read by read_chunk.
  Totals totals;  // all but out_of_order, visits and edits
  std::array<std::vector<Problem>, 2> examples;  // malformed, too long; chunk line numbers
  std::vector<Stamp> stamps;                     // every line read as a hit
  std::vector<ChunkHit> hits;                    // the hits that make visits
  std::vector<Name> names;                       // users, clients and hosts in order of first sight
  std::vector<std::uint64_t> blocked;            // by name
  std::vector<std::string_view> edit_urls;
  std::int64_t first_ms = 0, last_ms = 0;        // of `hits`
  // Lines stamped more than a second before an earlier line of the chunk, with the latest
  // stamp before them, and the latest stamp of all: the Monitor needs to look at the
  // other lines only until one reaches the latest stamp before the chunk.
  struct Late {
    std::uint32_t stamp = 0;  // index into stamps
    std::int64_t latest_ms = 0;
  };
  std::vector<Late> late;
  std::int64_t latest_ms = INT64_MIN;
  std::int64_t next_sweep = INT64_MIN;  // the chunk's own schedule after its last hit

  // Set by the Monitor as it takes the chunk.
  std::vector<std::uint32_t> global;  // by name: the Impl's person or host index
  std::uint32_t edit_base = 0;        // the Impl's index of edit_urls[0]

  std::unordered_map<std::string_view, std::uint32_t> user_index, client_index, host_index;

  // Empties the chunk for `text`, keeping the memory it has.
  void reset(std::string_view text, std::uint64_t offset);
};

struct ChunkSettings {
  LogFormat format = LogFormat::squid;
  const TimeZone* zone = nullptr;
  const Pack* pack = nullptr;
  std::size_t max_examples = 10;
  const SeenLines* seen = nullptr;  // with drop_duplicates: the lines of earlier sources
  std::int64_t gap_ms = 0;          // VisitBook::gap
};

// Empties the chunk and reads every line of `text`, which starts at `offset` within the
// source's text, as Monitor::add_line would, into the chunk.
void read_chunk(Chunk& chunk, std::string_view text, std::uint64_t offset, const ChunkSettings& settings);

// Reads the rest of a source on options.threads threads: `text`, then each block `next`
// gives until an empty one (see Monitor::add_blocks). The source's format is known.
void read_parallel(Monitor::Impl& impl, std::string_view text, const std::function<std::string_view()>& next);

}  // namespace smpolicy::monitor
