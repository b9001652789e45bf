// The one file that sees zlib.
#include <zlib.h>

#include <vector>

#include "monitor/input.hpp"

namespace smpolicy::monitor {

struct Gunzip::State {
  z_stream stream{};
  bool ended = false;  // the last member ended and nothing followed yet
  bool started = false;
  std::vector<char> out = std::vector<char>(256 * 1024);
};

Gunzip::Gunzip() : m_state(std::make_unique<State>()) {
  // 15 + 32: the largest window, and gzip or zlib headers told apart by zlib itself.
  inflateInit2(&m_state->stream, 15 + 32);
}

Gunzip::~Gunzip() { inflateEnd(&m_state->stream); }

std::expected<void, Error> Gunzip::feed(std::string_view in, const std::function<void(std::string_view)>& out) {
  State& s = *m_state;
  z_stream& z = s.stream;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  bool full = false;  // the output filled up: zlib may hold more
  while (z.avail_in > 0 || (full && !s.ended)) {
    if (s.ended) {
      inflateReset(&z);  // another member follows, as in files joined with cat
      s.ended = false;
    }
    s.started = true;
    z.next_out = reinterpret_cast<Bytef*>(s.out.data());
    z.avail_out = static_cast<uInt>(s.out.size());
    int rc = inflate(&z, Z_NO_FLUSH);
    std::size_t produced = s.out.size() - z.avail_out;
    full = z.avail_out == 0;
    if (produced) out(std::string_view(s.out.data(), produced));
    if (rc == Z_STREAM_END) {
      s.ended = true;
    } else if (rc != Z_OK && !(rc == Z_BUF_ERROR && produced == 0 && z.avail_in == 0)) {
      return fail(ErrorCode::parse, std::string("corrupt gzip data: ") + (z.msg ? z.msg : "inflate failed"));
    }
  }
  return {};
}

bool Gunzip::complete() const { return m_state->ended || !m_state->started; }

}  // namespace smpolicy::monitor
