// A log read on several threads, with the report reading it line by line would give. The
// source is cut into ranges in quiet spells (find_cuts); the calling thread reads the
// first range into the Monitor's Impl while the other threads read the rest, each range
// into an Impl of its own, with nothing shared but what only gets read (the pack, roster,
// user map and the lines of earlier sources). The calling thread then joins the ranges
// in order (join_range), reading a range again itself when its join check fails. No
// thread waits on another until its range is read, and nothing is read twice unless a
// check fails.
#include <atomic>
#include <memory>
#include <thread>

#include "monitor/ranges.hpp"

namespace smpolicy::monitor {
namespace {

// What a range's Impl starts from: a copy of the source's, taken before threads start.
struct RangeStart {
  std::string name;
  LogFormat format = LogFormat::squid;
  const SeenLines* earlier = nullptr;
};

std::unique_ptr<Monitor::Impl> range_impl(const Monitor::Impl& m, const RangeStart& start) {
  auto range = std::make_unique<Monitor::Impl>(m.pack, m.roster, m.users, m.options);
  range->source.name = start.name;
  range->source.parser.emplace(start.format, range->zone);
  range->earlier_sources = start.earlier;
  return range;
}

// The ranges after the first, read by workers in order of their index; the calling thread
// takes each in turn, waiting for it when it is not read yet.
class RangeWork {
 public:
  RangeWork(const Monitor::Impl& m, const SourceBytes& bytes, const std::vector<std::uint64_t>& cuts)
      : m_impl(m), m_bytes(bytes), m_cuts(cuts), m_ranges(cuts.size() - 1), m_ready(cuts.size() - 1),
        m_start{m.source.name, m.source.parser->format(), m.earlier_sources} {}

  std::size_t count() const { return m_ranges.size(); }
  // Reads range `k` into `impl`.
  bool read(Monitor::Impl& impl, std::size_t k) const { return read_lines(impl, m_bytes, m_cuts[k], m_cuts[k + 1]); }

  // Reads ranges until none is left.
  void serve() {
    for (std::size_t k; (k = m_next.fetch_add(1)) < m_ranges.size();) {
      m_ranges[k] = range_impl(m_impl, m_start);
      if (!read(*m_ranges[k], k)) m_ranges[k].reset();
      m_ready[k].store(true, std::memory_order_release);
      m_ready[k].notify_one();
    }
  }

  // Range `k` once read, null when reading it failed; its Impl goes when the caller drops it.
  std::unique_ptr<Monitor::Impl> take(std::size_t k) {
    m_ready[k].wait(false, std::memory_order_acquire);
    return std::move(m_ranges[k]);
  }

 private:
  const Monitor::Impl& m_impl;  // only its constant parts are read: the pack, roster, map, options
  const SourceBytes& m_bytes;
  const std::vector<std::uint64_t>& m_cuts;
  std::vector<std::unique_ptr<Monitor::Impl>> m_ranges;
  std::vector<std::atomic<bool>> m_ready;
  std::atomic<std::size_t> m_next{1};  // range 0 is the caller's
  RangeStart m_start;
};

}  // namespace

void read_lines(Monitor::Impl& m, std::string_view block) {
  for (std::size_t pos = 0; pos < block.size();) {
    NextLine next = next_line(block, pos);
    if (next.line.size() > k_max_line) {
      m.add_overlong_line(next.line.size());
    } else {
      if (!next.line.empty() && next.line.back() == '\r') next.line.remove_suffix(1);
      m.add_line(next.line);
    }
    pos = next.next;
  }
}

bool read_lines(Monitor::Impl& m, const SourceBytes& bytes, std::uint64_t begin, std::uint64_t end) {
  return bytes.walk(
      begin, end, [&m](std::string_view block, std::uint64_t) { return read_lines(m, block), true; },
      [&m](std::size_t overlong) { m.add_overlong_line(overlong); });
}

bool read_ranges(Monitor::Impl& m, const SourceBytes& bytes, std::uint64_t begin) {
  std::size_t threads = std::max<std::size_t>(m.options.threads, 1);
  if (begin >= bytes.size()) return true;
  if (threads == 1) return read_lines(m, bytes, begin, bytes.size());
  CutSettings settings{m.source.parser->format(), &m.zone, m.visits.gap(), threads, m.options.range_bytes,
                       m.options.cut_anywhere};
  std::vector<std::uint64_t> cuts = find_cuts(bytes, begin, settings);
  if (cuts.size() <= 2) return read_lines(m, bytes, begin, bytes.size());
  RangeWork work(m, bytes, cuts);
  std::vector<std::jthread> workers;
  for (std::size_t i = 1; i < std::min(threads, work.count()); ++i) workers.emplace_back([&work] { work.serve(); });
  bool ok = work.read(m, 0);
  for (std::size_t k = 1; k < work.count(); ++k) {
    std::unique_ptr<Monitor::Impl> range = work.take(k);
    if (ok && !(range && join_range(m, *range))) ok = work.read(m, k);
  }
  return ok;
}

bool read_source(Monitor::Impl& m, const SourceBytes& bytes) {
  // Lines go one at a time until the format is known (ranges need it).
  std::uint64_t rest = 0;
  bool ok = true;
  if (!m.source.parser) {
    rest = bytes.size();
    ok = bytes.walk(
        0, bytes.size(),
        [&](std::string_view block, std::uint64_t offset) {
          for (std::size_t pos = 0; pos < block.size();) {
            if (m.source.parser) return rest = offset + pos, false;
            NextLine next = next_line(block, pos);
            read_lines(m, block.substr(pos, next.next - pos));
            pos = next.next;
          }
          return true;
        },
        [&m](std::size_t overlong) { m.add_overlong_line(overlong); });
  }
  return ok && read_ranges(m, bytes, rest);
}

}  // namespace smpolicy::monitor
