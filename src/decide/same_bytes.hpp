// Private to decide: a compare of the short names decide and its writers meet per post.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace smpolicy {

// Whether `a` and `b` hold the same bytes, as `a == b` says, compared in line eight bytes
// (or four) at a time: the names compared for every post (a finding's kind, its field, a
// derived field's word) are a few bytes to a few dozen, for which the call to memcmp that
// `==` makes costs more than the compare.
inline bool same_bytes(std::string_view a, std::string_view b) {
  std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  auto load8 = [](const char* at) {
    std::uint64_t v;
    std::memcpy(&v, at, 8);
    return v;
  };
  auto load4 = [](const char* at) {
    std::uint32_t v;
    std::memcpy(&v, at, 4);
    return v;
  };
  if (n >= 8) {
    // Whole words, then the last eight bytes, which may overlap the word before.
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (load8(p + i) != load8(q + i)) return false;
    }
    return load8(p + n - 8) == load8(q + n - 8);
  }
  if (n >= 4) return load4(p) == load4(q) && load4(p + n - 4) == load4(q + n - 4);
  for (std::size_t i = 0; i < n; ++i) {
    if (p[i] != q[i]) return false;
  }
  return true;
}

}  // namespace smpolicy
