// A source's bytes in blocks of whole lines. A file is read a buffer at a time on the
// thread that walks it, so the lines it parses next are warm in its own cache: mapping the
// file instead cost a third more CPU on the development machine (cold pages and faults).
#include <cstring>
#include <memory>

#include "monitor/ranges.hpp"

namespace smpolicy::monitor {

bool SourceBytes::read(std::uint64_t offset, std::span<char> into, std::size_t& got) const {
  auto read = (*m_read_at)(offset, into);
  if (read) {
    got = *read;
    return true;
  }
  std::lock_guard lock(m_mutex);
  if (!m_error) m_error = read.error();
  return false;
}

std::optional<Error> SourceBytes::error() const {
  std::lock_guard lock(m_mutex);
  return m_error;
}

bool SourceBytes::walk(std::uint64_t begin, std::uint64_t end, const Each& each, const Overlong& overlong) const {
  end = std::min(end, m_size);
  if (begin >= end) return true;
  if (!m_read_at) return each(m_text.substr(begin, end - begin), begin), true;
  std::size_t capacity = static_cast<std::size_t>(std::min<std::uint64_t>(k_buffer, end - begin));
  auto buffer = std::make_unique<char[]>(capacity);  // not cleared first: reads write every byte used
  std::size_t have = 0;                              // bytes in the buffer, from `begin`
  std::size_t skipped = 0;                           // of a line too long to hold, so far
  while (true) {
    while (have < capacity && begin + have < end) {
      std::size_t got = 0, want = static_cast<std::size_t>(std::min<std::uint64_t>(capacity - have, end - begin - have));
      if (!read(begin + have, std::span(buffer.get() + have, want), got)) return false;
      if (got == 0) end = begin + have;  // the file is shorter than it was
      have += got;
    }
    if (have == 0) {
      if (skipped) overlong(skipped);
      return true;
    }
    std::string_view text(buffer.get(), have);
    if (skipped) {  // the rest of a line too long to hold, up to its newline
      std::size_t nl = text.find('\n');
      std::size_t drop = nl == std::string_view::npos ? have : nl + 1;
      if (nl != std::string_view::npos) overlong(skipped + nl), skipped = 0;
      else skipped += have;
      std::memmove(buffer.get(), buffer.get() + drop, have - drop);
      have -= drop, begin += drop;
      continue;
    }
    if (begin + have >= end) return (each(text, begin), true);
    const void* nl = ::memrchr(buffer.get(), '\n', have);
    if (!nl) {  // a full buffer and no line end: a line too long to hold
      skipped = have, begin += have, have = 0;
      continue;
    }
    std::size_t whole = static_cast<std::size_t>(static_cast<const char*>(nl) - buffer.get()) + 1;
    if (!each(text.substr(0, whole), begin)) return true;
    std::memmove(buffer.get(), buffer.get() + whole, have - whole);
    have -= whole, begin += whole;
  }
}

}  // namespace smpolicy::monitor
