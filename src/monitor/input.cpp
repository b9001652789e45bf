// Reading logs: files (plain or gzip), standard input, and files that keep growing.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <optional>
#include <vector>

#include "monitor/input.hpp"

namespace smpolicy::monitor {
namespace {

constexpr std::size_t k_chunk = 1 << 20;

Error io_error(const std::string& path, std::string_view what) {
  return Error{ErrorCode::io, path + ": " + std::string(what) + ": " + std::strerror(errno)};
}

}  // namespace

// ---- LineFeed -----------------------------------------------------------------------

void LineFeed::emit(std::string_view line, Monitor& monitor) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  monitor.add_line(line);
}

void LineFeed::feed(std::string_view bytes, Monitor& monitor) {
  std::size_t pos = 0;
  if (m_skipping || !m_tail.empty()) {
    auto nl = bytes.find('\n');
    if (nl == std::string_view::npos) {
      if (m_skipping) {
        m_skipped += bytes.size();
      } else if (m_tail.size() + bytes.size() > k_max_line) {
        m_skipping = true;
        m_skipped = m_tail.size() + bytes.size();
        m_tail.clear();
      } else {
        m_tail.append(bytes);
      }
      return;
    }
    if (m_skipping) {
      monitor.add_overlong_line(m_skipped + nl);
      m_skipping = false;
    } else if (m_tail.size() + nl > k_max_line) {
      monitor.add_overlong_line(m_tail.size() + nl);
      m_tail.clear();
    } else {
      m_tail.append(bytes.substr(0, nl));
      emit(m_tail, monitor);
      m_tail.clear();
    }
    pos = nl + 1;
  }
  while (pos < bytes.size()) {
    const char* found = static_cast<const char*>(std::memchr(bytes.data() + pos, '\n', bytes.size() - pos));
    if (!found) {
      std::size_t rest = bytes.size() - pos;
      if (rest > k_max_line) {
        m_skipping = true;
        m_skipped = rest;
      } else {
        m_tail.assign(bytes.substr(pos));
      }
      return;
    }
    auto nl = static_cast<std::size_t>(found - bytes.data());
    if (nl - pos > k_max_line) {
      monitor.add_overlong_line(nl - pos);
    } else {
      emit(bytes.substr(pos, nl - pos), monitor);
    }
    pos = nl + 1;
  }
}

void LineFeed::finish(Monitor& monitor) {
  if (m_skipping) monitor.add_overlong_line(m_skipped);
  else if (!m_tail.empty()) emit(m_tail, monitor);
  m_tail.clear();
  m_skipping = false;
  m_skipped = 0;
}

// ---- Files and standard input -------------------------------------------------------

// A plain regular file read on the monitor's threads, each reading its part with pread.
// False (nothing read) when it is something else: a pipe, a device, or gzip.
bool read_parts(int fd, const std::string& path, Monitor& monitor, const std::function<void(std::uint64_t)>& progress,
                std::expected<void, Error>& result) {
  struct stat st {};
  unsigned char head[2] = {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return false;
  if (::pread(fd, head, 2, 0) == 2 && is_gzip(std::string_view(reinterpret_cast<char*>(head), 2))) return false;
  Monitor::ReadAt read_at = [fd, &path](std::uint64_t offset, std::span<char> into) -> std::expected<std::size_t, Error> {
    while (true) {
      ssize_t n = ::pread(fd, into.data(), into.size(), static_cast<off_t>(offset));
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno != EINTR) return std::unexpected(io_error(path, "cannot read"));
    }
  };
  monitor.begin_source(path);
  result = monitor.add_file(static_cast<std::uint64_t>(st.st_size), read_at);
  monitor.end_source();
  if (progress) progress(static_cast<std::uint64_t>(st.st_size));
  return true;
}

std::expected<void, Error> read_log(const std::string& path, Monitor& monitor,
                                    const std::function<void(std::uint64_t)>& progress) {
  bool is_stdin = path == "-";
  int fd = is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::unexpected(io_error(path, "cannot open"));
  std::expected<void, Error> result;
  if (!is_stdin && monitor.threads() > 1 && read_parts(fd, path, monitor, progress, result)) {
    ::close(fd);
    return result;
  }
  monitor.begin_source(is_stdin ? "<stdin>" : path);
  std::vector<char> buffer(k_chunk);
  LineFeed lines;
  std::unique_ptr<Gunzip> gunzip;
  std::uint64_t total = 0;
  auto to_lines = [&](std::string_view out) { lines.feed(out, monitor); };
  while (result) {
    ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) result = std::unexpected(io_error(path, "cannot read"));
    if (n <= 0) break;
    std::string_view bytes(buffer.data(), static_cast<std::size_t>(n));
    if (total == 0 && is_gzip(bytes)) gunzip = std::make_unique<Gunzip>();
    total += static_cast<std::uint64_t>(n);
    if (gunzip) {
      if (auto fed = gunzip->feed(bytes, to_lines); !fed) result = fail(ErrorCode::parse, path + ": " + fed.error().message);
    } else {
      lines.feed(bytes, monitor);
    }
    if (progress) progress(total);
  }
  if (result && gunzip && !gunzip->complete()) result = fail(ErrorCode::parse, path + ": the compressed data ends early");
  lines.finish(monitor);
  monitor.end_source();
  if (!is_stdin) ::close(fd);
  return result;
}

// ---- Following a growing file -------------------------------------------------------

struct Follower::State {
  std::string path;
  int fd = -1;
  dev_t device = 0;
  ino_t inode = 0;
  off_t offset = 0;
  bool begun = false;
  LineFeed lines;
  std::vector<char> buffer = std::vector<char>(k_chunk);

  std::expected<std::size_t, Error> drain(Monitor& monitor) {
    std::size_t got = 0;
    while (true) {
      ssize_t n = ::read(fd, buffer.data(), buffer.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return std::unexpected(io_error(path, "cannot read"));
      if (n == 0) return got;
      offset += n;
      got += static_cast<std::size_t>(n);
      lines.feed(std::string_view(buffer.data(), static_cast<std::size_t>(n)), monitor);
    }
  }

  void restart(Monitor& monitor) {
    lines.finish(monitor);
    monitor.end_source();
    monitor.begin_source(path);
  }
};

Follower::Follower(std::unique_ptr<State> state) : m_state(std::move(state)) {}
Follower::~Follower() {
  if (m_state && m_state->fd >= 0) ::close(m_state->fd);
}
Follower::Follower(Follower&&) noexcept = default;
Follower& Follower::operator=(Follower&&) noexcept = default;

std::expected<Follower, Error> Follower::open(const std::string& path) {
  auto state = std::make_unique<State>();
  state->path = path;
  state->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (state->fd < 0) return std::unexpected(io_error(path, "cannot open"));
  struct stat st {};
  char head[2] = {};
  if (::fstat(state->fd, &st) != 0) return std::unexpected(io_error(path, "cannot stat"));
  if (::pread(state->fd, head, 2, 0) == 2 && is_gzip(std::string_view(head, 2))) {
    ::close(state->fd);
    return fail(ErrorCode::unsupported, path + ": a compressed file cannot be followed");
  }
  state->device = st.st_dev;
  state->inode = st.st_ino;
  return Follower(std::move(state));
}

std::expected<std::size_t, Error> Follower::poll(Monitor& monitor) {
  State& s = *m_state;
  if (!s.begun) monitor.begin_source(s.path);
  s.begun = true;
  auto got = s.drain(monitor);
  if (!got) return got;
  struct stat now {};
  if (::stat(s.path.c_str(), &now) != 0) return got;  // between rotation's rename and create
  if (now.st_ino != s.inode || now.st_dev != s.device) {
    auto rest = s.drain(monitor);  // what was written to the old file before it moved
    if (!rest) return rest;
    int fd = ::open(s.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return *got + *rest;
    ::close(s.fd);
    s.fd = fd;
    s.device = now.st_dev;
    s.inode = now.st_ino;
    s.offset = 0;
    s.restart(monitor);
    auto fresh = s.drain(monitor);
    if (!fresh) return fresh;
    return *got + *rest + *fresh;
  }
  if (now.st_size < s.offset) {  // truncated in place (copytruncate)
    ::lseek(s.fd, 0, SEEK_SET);
    s.offset = 0;
    s.restart(monitor);
    auto fresh = s.drain(monitor);
    if (!fresh) return fresh;
    return *got + *fresh;
  }
  return got;
}

}  // namespace smpolicy::monitor
