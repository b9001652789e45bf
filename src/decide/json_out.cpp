#include "decide/json_out.hpp"

#include <algorithm>
#include <cstdio>

namespace smpolicy {
namespace {

// Room made at least, so that a verdict mostly fits in the first.
constexpr std::size_t k_least_room = 2048;

// `out` cut to its first `size` bytes. resize_and_overwrite, unlike resize, is written
// in the header and so costs no call into the library.
void cut(std::string& out, std::size_t size) {
  out.resize_and_overwrite(size, [&](char*, std::size_t) { return size; });
}

// Gives `out` room for `n` more bytes past its first `used`, without zeroing them, and
// the end of that room.
char* open_room(std::string& out, std::size_t used, std::size_t n) {
  // The string's whole capacity is room (a batch reserves plenty), or what is asked for,
  // which grows it by doubling (libstdc++'s _M_create) when that is more.
  std::size_t want = std::max(out.capacity(), used + std::max(n, k_least_room));
  cut(out, used);  // so that growing copies only what was written
  // The size handed to the callback is not used: GCC 12's libstdc++ hands it the grown
  // capacity instead when the string has to grow; any size up to it is valid.
  out.resize_and_overwrite(want, [&](char*, std::size_t) { return want; });
  return out.data() + want;
}

}  // namespace

JsonOut::JsonOut(std::string& out) : m_out(out) {
  // open_room's work, but for cutting the string, which is already cut.
  std::size_t used = out.size(), want = std::max(out.capacity(), used + k_least_room);
  out.resize_and_overwrite(want, [&](char*, std::size_t) { return want; });
  m_at = out.data() + used;
  m_end = out.data() + want;
}

void JsonOut::grow(std::size_t n) {
  std::size_t used = offset();
  m_end = open_room(m_out, used, n);
  m_at = m_out.data() + used;
}

void JsonOut::escaped(std::string_view text) {
  cut(m_out, offset());
  append_json_string(m_out, text);
  std::size_t used = m_out.size();
  m_end = open_room(m_out, used, 0);
  m_at = m_out.data() + used;
}

void JsonOut::decimal_by_printf(double value) {
  char text[32];
  int n = std::snprintf(text, sizeof text, "%.2f", value);
  put(std::string_view(text, static_cast<std::size_t>(std::clamp(n, 0, static_cast<int>(sizeof text) - 1))));
}

}  // namespace smpolicy
