// A log in memory read on several threads, with the report reading it line by line would
// give. A round cuts the next stretch of text (a block of whole lines) into one chunk per
// thread and goes in three steps:
//   1. each thread reads its chunk (parse, who, which host) into names of its own, and
//      finds the lines out of order and the sweeps as if the chunk were the whole log;
//   2. the Monitor takes the chunks in order: names get the indices, lines the numbers,
//      and lines out of order the problems they would have got; it marks the hits after
//      which a single VisitBook would sweep, since a sweep closes visits of every pair.
//      Both look at a chunk's first lines only, until the chunk's own findings hold;
//   3. each thread walks every chunk's hits, keeps those of its own (person, site) pairs in
//      a VisitBook of its own, sweeps where marked, and decides the visits that close into
//      a Tally of its own. Step 3 of a round runs with step 1 of the next one.
// Each pair's hits and sweeps come in the same order as one book would see them, so every
// visit is the same; the tallies are sums and sets, and the report sorts with no ties.
// The threads are started once for the source (Crew), not for each round.
#include <array>
#include <condition_variable>
#include <mutex>
#include <span>
#include <thread>

#include "monitor/chunk.hpp"

namespace smpolicy::monitor {
namespace {

// Threads kept for the whole source, so that a round starts no thread: run(work) runs
// `work(0)` .. `work(n - 1)` at once, the first on the calling thread, and waits for all.
class Crew {
 public:
  explicit Crew(std::size_t n) {
    for (std::size_t i = 1; i < n; ++i) m_threads.emplace_back([this, i] { serve(i); });
  }
  ~Crew() {
    {
      std::lock_guard lock(m_mutex);
      m_closing = true;
    }
    m_wake.notify_all();
  }

  void run(const std::function<void(std::size_t)>& work) {
    {
      std::lock_guard lock(m_mutex);
      m_work = &work;
      m_busy = m_threads.size();
      ++m_round;
    }
    m_wake.notify_all();
    work(0);
    std::unique_lock lock(m_mutex);
    m_done.wait(lock, [this] { return m_busy == 0; });
  }

 private:
  void serve(std::size_t self) {
    std::uint64_t seen = 0;
    while (true) {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [&] { return m_closing || m_round != seen; });
      if (m_closing) return;
      seen = m_round;
      const auto& work = *m_work;
      lock.unlock();
      work(self);
      lock.lock();
      if (--m_busy == 0) m_done.notify_one();
    }
  }

  std::mutex m_mutex;
  std::condition_variable m_wake, m_done;
  const std::function<void(std::size_t)>* m_work = nullptr;
  std::uint64_t m_round = 0;
  std::size_t m_busy = 0;
  bool m_closing = false;
  std::vector<std::jthread> m_threads;  // last: joined before the members they use go
};

std::size_t owner(std::uint32_t person, std::uint32_t site, std::size_t threads) {
  std::uint64_t key = (static_cast<std::uint64_t>(person) << 32) | site;
  return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 40) % threads;
}

// Step 2's lines out of order. Until a line reaches the latest stamp before the chunk,
// that stamp decides which lines are late; from there on the chunk's own latest stamp
// does, and its reader has listed those lines.
void take_stamps(Monitor::Impl& m, const Chunk& c, std::string_view text, std::uint64_t base) {
  if (m.options.drop_duplicates) {
    for (const Stamp& s : c.stamps) m.seen.add(s.hash, s.end_ms);
  }
  std::int64_t before = m.source.latest_ms;
  std::size_t caught_up = 0;
  for (; caught_up < c.stamps.size(); ++caught_up) {
    const Stamp& s = c.stamps[caught_up];
    m.stamp(s.end_ms, base + s.line, text.substr(s.offset, s.length));
    if (s.end_ms >= before) break;
  }
  for (const Chunk::Late& l : c.late) {
    if (l.stamp <= caught_up) continue;
    const Stamp& s = c.stamps[l.stamp];
    m.late(s.end_ms, l.latest_ms, base + s.line, text.substr(s.offset, s.length));
  }
  m.source.latest_ms = std::max(m.source.latest_ms, c.latest_ms);
}

// Step 2's sweeps. The chunk's reader scheduled them as if no sweep came before; once a
// hit the log's schedule sweeps at is one the chunk's swept at too, both schedules wait
// for the same stamp, so the rest of the chunk's marks stand.
void take_sweeps(Monitor::Impl& m, Chunk& c) {
  std::int64_t next = m.visits.next_sweep();
  for (ChunkHit& h : c.hits) {
    bool due = h.end_ms >= next;
    if (due) next = h.end_ms + m.visits.gap();
    if (due && h.sweep) {
      next = c.next_sweep;
      break;
    }
    h.sweep = due;
  }
  m.visits.set_next_sweep(next);
}

// Step 2 for one chunk, on the calling thread.
void take_chunk(Monitor::Impl& m, Chunk& c, std::string_view text) {
  std::uint64_t base = m.source.line;
  m.source.line += c.totals.lines;
  for (std::size_t kind : {k_malformed, k_too_long}) {
    ProblemKind& p = m.problems[kind];
    for (auto& e : c.examples[kind]) {
      if (p.examples.size() >= m.options.max_examples) break;
      e.source = m.source.name;
      e.line += base;
      p.examples.push_back(std::move(e));
    }
  }
  m.problems[k_malformed].count += c.totals.malformed;
  m.problems[k_too_long].count += c.totals.too_long;
  for (auto Totals::*field : {&Totals::lines, &Totals::blank, &Totals::malformed, &Totals::too_long, &Totals::without_user,
                              &Totals::blocked, &Totals::no_response, &Totals::no_host, &Totals::duplicates}) {
    m.totals.*field += c.totals.*field;
  }
  c.global.reserve(c.names.size());
  for (std::size_t i = 0; i < c.names.size(); ++i) {
    const Chunk::Name& n = c.names[i];
    c.global.push_back(n.kind == Chunk::NameKind::host     ? m.host(n.text)
                       : n.kind == Chunk::NameKind::client ? m.person_of_client(n.text)
                                                           : m.person_of_user(n.text, n.escaped));
    if (c.blocked[i]) m.people[c.global[i]].blocked += c.blocked[i];
  }
  c.edit_base = static_cast<std::uint32_t>(m.edit_urls.size());
  m.edit_urls.insert(m.edit_urls.end(), c.edit_urls.begin(), c.edit_urls.end());
  take_stamps(m, c, text, base);
  take_sweeps(m, c);
  m.seen_hits(c.totals.hits, c.first_ms, c.last_ms);
}

// Step 3 for thread `self` of `threads`.
void group(const Monitor::Impl& m, std::span<const Chunk> chunks, std::size_t self, std::size_t threads,
           VisitBook& book, Tally& tally) {
  VisitBook::Closed decided = [&](const Visit& v) { m.decide_visit(v, tally); };
  for (const Chunk& c : chunks) {
    for (const ChunkHit& h : c.hits) {
      std::uint32_t person = c.global[h.who], host = c.global[h.host], site = m.hosts[host].site;
      if (owner(person, site, threads) == self) {
        std::uint32_t edit = h.edit == k_none ? k_none : c.edit_base + h.edit;
        book.insert(HitRef{h.start_ms, h.end_ms, person, site, host, h.method, edit}, decided);
      }
      if (h.sweep) book.close_before(h.end_ms, decided);
    }
  }
}

// The end of the chunk that starts at `pos`: after the first newline at or past
// `pos + bytes`, or the end of the text.
std::size_t chunk_end(std::string_view text, std::size_t pos, std::size_t bytes) {
  std::size_t at = pos + std::max<std::size_t>(bytes, 1);
  if (at >= text.size()) return text.size();
  return next_line(text, at - 1).next;
}

}  // namespace

void read_parallel(Monitor::Impl& m, std::string_view text, const std::function<std::string_view()>& next) {
  std::size_t threads = std::max<std::size_t>(m.options.threads, 1);
  ChunkSettings settings{m.source.parser->format(), &m.zone, &m.pack, m.options.max_examples,
                         m.options.drop_duplicates ? &m.seen : nullptr, m.visits.gap()};
  std::vector<VisitBook> books(threads, VisitBook(m.options.gap_seconds * 1000));
  std::vector<Tally> tallies(threads);
  // Two rounds' chunks, kept from round to round so their memory is reused: while threads
  // read one round, they group the round before, which waits on no text.
  std::array<std::vector<Chunk>, 2> chunks{std::vector<Chunk>(threads), std::vector<Chunk>(threads)};
  std::span<Chunk> before;
  std::vector<std::string_view> pieces(threads);  // a round's text, a chunk each
  Crew crew(threads);
  for (const Visit& v : m.visits.take_open()) books[owner(v.person, v.site, threads)].adopt(v);
  for (std::size_t pos = 0, turn = 0; !text.empty(); turn ^= 1) {
    std::size_t used = 0;
    for (; used < threads && pos < text.size(); ++used) {
      std::size_t end = chunk_end(text, pos, m.options.chunk_bytes);
      pieces[used] = text.substr(pos, end - pos);
      pos = end;
    }
    std::span<Chunk> round(chunks[turn].data(), used);
    crew.run([&](std::size_t i) {
      if (i < round.size()) read_chunk(round[i], pieces[i], static_cast<std::size_t>(pieces[i].data() - text.data()), settings);
      group(m, before, i, threads, books[i], tallies[i]);
    });
    for (Chunk& c : round) take_chunk(m, c, text);  // the Impl grows here, while no thread reads it
    before = round;
    if (pos == text.size()) text = next(), pos = 0;
  }
  crew.run([&](std::size_t i) { group(m, before, i, threads, books[i], tallies[i]); });
  for (std::size_t i = 0; i < threads; ++i) {
    for (const Visit& v : books[i].take_open()) m.visits.adopt(v);
    m.tally.add(std::move(tallies[i]));
  }
}

}  // namespace smpolicy::monitor
