// smpolicy check --jsonl: posts decided line by line, on one thread or several, the
// verdicts written in the input's order whatever the number of threads.
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "cli/check.hpp"

namespace smpolicy::cli {
namespace {

// Lines are handed out in batches, a block of input each (BatchLines): one post is a few
// microseconds of work, too little to pass between threads alone.
constexpr std::size_t k_out_per_in_byte = 5;

struct Batch {
  std::string text;  // the lines, one after another
  std::vector<BatchLine> lines;
  std::string source;
  std::size_t bytes = 0;  // input bytes, newlines counted
};

// What a batch gives: its verdicts, and the bad lines' messages with where in `out` each
// falls, so stdout and stderr interleave as the input did.
struct Decided {
  std::string out;
  std::vector<std::pair<std::size_t, std::string>> errors;
  std::size_t lines = 0, bytes = 0;
  Outcome worst = Outcome::allow;
};

// Big strings passed round rather than freed: a batch's text and verdicts are a few
// hundred kilobytes, which malloc would give back to the system and fault in afresh for
// every batch, costing more than the checking.
class Buffers {
 public:
  std::string take() {
    std::lock_guard lock(m_mutex);
    if (m_free.empty()) return {};
    std::string buffer = std::move(m_free.back());
    m_free.pop_back();
    return buffer;
  }
  void give(std::string&& buffer) {
    buffer.clear();
    std::lock_guard lock(m_mutex);
    m_free.push_back(std::move(buffer));
  }

 private:
  std::mutex m_mutex;
  std::vector<std::string> m_free;
};

Decided decide_batch(const Batch& batch, const School& school, bool json, bool colour, Buffers& buffers) {
  Decided done;
  done.out = buffers.take();
  // Verdicts with their findings run to four or five times the posts' bytes: room for
  // that at once, rather than the first batches growing the buffer (and copying it) a
  // dozen times.
  done.out.reserve(k_out_per_in_byte * batch.text.size());
  done.lines = batch.lines.size();
  done.bytes = batch.bytes;
  // One event and one verdict for the batch, each line parsed and decided into them: their
  // fields, text and lists keep their room from line to line rather than being built and
  // freed for every post.
  LineReader reader;
  const Event& event = reader.event();
  Checked checked;
  for (const BatchLine& line : batch.lines) {
    auto parsed = reader.read(std::string_view(batch.text).substr(line.begin, line.size), line.number);
    if (!parsed) {
      done.errors.emplace_back(done.out.size(), batch.source + ":" + parsed.error().message);
      continue;
    }
    check(event, school, checked);
    done.worst = std::max(done.worst, checked.verdict.outcome);
    if (json) {
      school.renderer->append(done.out, checked.verdict, event, checked.findings, JsonDetail::with_detected);
      done.out += '\n';
    } else {
      done.out += render_text(checked.verdict, event, checked.findings, colour) + "\n";
    }
  }
  return done;
}

// Decides batches on `threads` threads, the caller's among them, and gives them back in
// the order they came. The caller reads and writes; while too many batches are held it
// decides the oldest waiting one itself rather than waiting for a worker, so with as
// many threads as cores every core decides and none sits idle. At most a few batches a
// thread are held, so memory stays flat on any input.
class OrderedWorkers {
 public:
  OrderedWorkers(std::size_t threads, std::function<Decided(Batch&)> work)
      : m_work(std::move(work)), m_limit(4 * threads) {
    for (std::size_t i = 1; i < threads; ++i) m_threads.emplace_back([this] { run(); });
  }
  ~OrderedWorkers() {
    {
      std::lock_guard lock(m_mutex);
      m_closing = true;
    }
    m_wake.notify_all();
    for (auto& t : m_threads) t.join();
  }

  // Queues `batch`, first giving `emit` the batches already decided, in order, and
  // deciding waiting ones while too many are held.
  void submit(Batch batch, const std::function<void(Decided&)>& emit) {
    std::unique_lock lock(m_mutex);
    for (;;) {
      take_ready(lock, emit);
      if (m_held < m_limit) break;
      if (!decide_one(lock)) m_finished.wait(lock);
    }
    m_queue.emplace_back(m_submitted++, std::move(batch));
    ++m_held;
    m_wake.notify_one();
  }

  // Gives `emit` every batch, in order, once decided, deciding waiting ones meanwhile.
  void finish(const std::function<void(Decided&)>& emit) {
    std::unique_lock lock(m_mutex);
    while (m_held > 0) {
      take_ready(lock, emit);
      if (m_held > 0 && !decide_one(lock)) m_finished.wait(lock);
    }
  }

 private:
  void take_ready(std::unique_lock<std::mutex>& lock, const std::function<void(Decided&)>& emit) {
    for (auto it = m_done.find(m_next); it != m_done.end(); it = m_done.find(m_next)) {
      Decided decided = std::move(it->second);
      m_done.erase(it);
      ++m_next;
      --m_held;
      lock.unlock();  // writing is slow; let the workers hand in meanwhile
      emit(decided);
      lock.lock();
    }
  }

  // Decides the oldest waiting batch on this thread; false when none waits.
  bool decide_one(std::unique_lock<std::mutex>& lock) {
    if (m_queue.empty()) return false;
    auto [seq, batch] = std::move(m_queue.front());
    m_queue.pop_front();
    lock.unlock();
    Decided decided = m_work(batch);
    lock.lock();
    m_done.emplace(seq, std::move(decided));
    m_finished.notify_all();
    return true;
  }

  void run() {
    std::unique_lock lock(m_mutex);
    for (;;) {
      m_wake.wait(lock, [&] { return m_closing || !m_queue.empty(); });
      if (!decide_one(lock)) return;
    }
  }

  std::function<Decided(Batch&)> m_work;
  std::size_t m_limit;
  std::mutex m_mutex;
  std::condition_variable m_wake, m_finished;
  std::deque<std::pair<std::size_t, Batch>> m_queue;
  std::map<std::size_t, Decided> m_done;
  std::size_t m_submitted = 0, m_next = 0, m_held = 0;
  bool m_closing = false;
  std::vector<std::thread> m_threads;
};

class Progress {
 public:
  explicit Progress(bool on) : m_on(on), m_start(std::chrono::steady_clock::now()) {}
  void update(std::size_t lines, std::size_t bytes, bool last = false) {
    if (!m_on || (!last && lines / 4096 == m_shown / 4096)) return;
    m_shown = lines;
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    std::fprintf(stderr, "\r%zu posts, %.1f MB, %.1f MB/s   ", lines, static_cast<double>(bytes) / 1e6,
                 seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0.0);
    if (last) std::fputc('\n', stderr);
  }

 private:
  bool m_on;
  std::size_t m_shown = 0;
  std::chrono::steady_clock::time_point m_start;
};

// Writes what batches decided, in order, and keeps the totals.
class Writer {
 public:
  explicit Writer(bool progress) : m_progress(progress) {}

  void write(Decided& done) {
    std::size_t at = 0;
    for (const auto& [where, message] : done.errors) {
      std::fwrite(done.out.data() + at, 1, where - at, stdout);
      std::fflush(stdout);
      std::fprintf(stderr, "%s\n", message.c_str());
      at = where;
    }
    std::fwrite(done.out.data() + at, 1, done.out.size() - at, stdout);
    m_bad = m_bad || !done.errors.empty();
    m_worst = std::max(m_worst, done.worst);
    m_lines += done.lines;
    m_bytes += done.bytes;
    m_progress.update(m_lines, m_bytes);
  }

  void close() {
    std::fflush(stdout);
    m_progress.update(m_lines, m_bytes, true);
  }

  bool bad() const { return m_bad; }
  Outcome worst() const { return m_worst; }

 private:
  Progress m_progress;
  std::size_t m_lines = 0, m_bytes = 0;
  bool m_bad = false;
  Outcome m_worst = Outcome::allow;
};

}  // namespace

BatchResult check_batch(const std::string& path, const School& school, const BatchOptions& options) {
  std::ifstream file;
  if (path != "-") file.open(path, std::ios::binary);
  if (path != "-" && !file) {
    std::fprintf(stderr, "%s: cannot open\n", path.c_str());
    return BatchResult{false, false, Outcome::allow};
  }
  bool colour = !options.json && colour_output();
  Writer writer(::isatty(STDERR_FILENO) && path != "-");
  Buffers buffers;
  auto work = [&](Batch& batch) {
    Decided done = decide_batch(batch, school, options.json, colour, buffers);
    buffers.give(std::move(batch.text));
    return done;
  };
  auto emit = [&](Decided& done) {
    writer.write(done);
    buffers.give(std::move(done.out));
  };
  std::optional<OrderedWorkers> workers;
  if (options.threads > 1) workers.emplace(options.threads, work);
  Batch batch;
  auto hand_over = [&] {
    if (batch.lines.empty()) return;
    if (workers) {
      workers->submit(std::move(batch), emit);
      batch = Batch{};
      batch.text = buffers.take();
    } else {
      Decided done = decide_batch(batch, school, options.json, colour, buffers);
      emit(done);
    }
  };
  // The source a bad line's message names, as for_each_input_line names it.
  const std::string source = path == "-" ? "<stdin>" : path;
  BatchLines lines(path == "-" ? std::cin : file);
  for (;;) {
    batch.source = source;
    if (!lines.next(batch.text, batch.lines, batch.bytes)) break;
    hand_over();
  }
  if (workers) workers->finish(emit);
  writer.close();
  return BatchResult{true, writer.bad(), writer.worst()};
}

}  // namespace smpolicy::cli
