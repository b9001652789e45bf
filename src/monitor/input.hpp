// Private to monitor: bytes from files, pipes and gzip streams cut into whole lines.
#pragma once

#include <expected>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "monitor/monitor.hpp"

namespace smpolicy::monitor {

// Cuts bytes into lines for a Monitor, keeping a partial last line for the next bytes.
// A line longer than k_max_line is skipped and counted, never held whole.
class LineFeed {
 public:
  void feed(std::string_view bytes, Monitor& monitor);
  void finish(Monitor& monitor);  // the last line, when the input did not end with one

 private:
  void emit(std::string_view line, Monitor& monitor);
  std::string m_tail;
  bool m_skipping = false;
  std::size_t m_skipped = 0;
};

// A gzip stream (one member or several, concatenated) inflated piece by piece. zlib is
// seen by gzip.cpp alone.
class Gunzip {
 public:
  Gunzip();
  ~Gunzip();
  Gunzip(const Gunzip&) = delete;
  Gunzip& operator=(const Gunzip&) = delete;
  // Inflates `in` and passes the output, in pieces, to `out`. Fails on corrupt data.
  std::expected<void, Error> feed(std::string_view in, const std::function<void(std::string_view)>& out);
  // True when the data so far ends at the end of a member (false for a truncated file).
  bool complete() const;

  struct State;

 private:
  std::unique_ptr<State> m_state;
};

inline bool is_gzip(std::string_view head) {
  return head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f && static_cast<unsigned char>(head[1]) == 0x8b;
}

}  // namespace smpolicy::monitor
