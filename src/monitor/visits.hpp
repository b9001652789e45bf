// Private to monitor: hits to one site by one person grouped into visits.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace smpolicy::monitor {

inline constexpr std::uint32_t k_none = 0xFFFFFFFFu;

// One hit, as the grouping needs it: who, which site (interned ids), when.
struct HitRef {
  std::int64_t start_ms = 0, end_ms = 0;
  std::uint32_t person = 0, site = 0, host = 0;
  std::string_view method;           // static text (fields::canonical_method), may be empty
  std::uint32_t edit_url = k_none;   // set when the hit is an encyclopaedia edit
};

struct Visit {
  std::int64_t start_ms = 0, end_ms = 0;
  std::uint32_t person = 0, site = 0, host = 0;  // host: the first hit's
  std::uint32_t hits = 0, edits = 0;
  std::uint32_t edit_url = k_none;  // the first edit's
  std::string_view method;          // the first hit's, or the first edit's
};

// A visit grows while hits come within `gap` of it (before or after: lines are stamped at
// the end of a transaction, so starts arrive out of order). A visit is closed once the
// log has moved on past its end by the gap twice over; a hit that ends before an open
// visit's start by more than the gap is a visit of its own.
class VisitBook {
 public:
  using Closed = std::function<void(const Visit&)>;
  explicit VisitBook(std::int64_t gap_ms) : m_gap(gap_ms) {}

  // Adds `hit`, then sweeps when the log has moved on a gap since the last sweep.
  void add(const HitRef& hit, const Closed& closed);
  // Adds `hit` with no sweep: a book of some keys only, whose sweeps come from the hits
  // of every key (see sweep_due).
  void insert(const HitRef& hit, const Closed& closed);
  // Whether add would sweep after a hit ending at `end_ms`; advances the schedule if so.
  bool sweep_due(std::int64_t end_ms);
  // Closes every visit the log, now at `now_ms`, has moved past.
  void close_before(std::int64_t now_ms, const Closed& closed);
  void close_all(const Closed& closed);
  std::size_t open() const { return m_index.size(); }

  // Moving open visits between books (one per thread and back): the visits still open,
  // removed from this book, and a visit taken from another book.
  std::vector<Visit> take_open();
  void adopt(const Visit& visit);
  std::int64_t gap() const { return m_gap; }
  std::int64_t next_sweep() const { return m_next_sweep; }
  void set_next_sweep(std::int64_t ms) { m_next_sweep = ms; }

 private:
  struct Slot {
    Visit visit;
    std::uint64_t key = 0;
    bool live = false;
  };
  void close(std::size_t slot, const Closed& closed);
  void release(std::size_t slot);
  void adopt_at(std::uint32_t& index, const Visit& visit, std::uint64_t key);

  std::int64_t m_gap;
  std::int64_t m_next_sweep = 0;
  std::vector<Slot> m_slots;
  std::vector<std::uint32_t> m_free;
  std::unordered_map<std::uint64_t, std::uint32_t> m_index;
};

}  // namespace smpolicy::monitor
