// The only file that includes sodium.h.
#include <sodium.h>

#include <array>
#include <cassert>

#include "store/hash.hpp"

namespace smpolicy::store {

std::string blake2b_256_hex(std::string_view bytes) {
  // sodium_init is idempotent and thread-safe; it only picks implementations.
  [[maybe_unused]] static const int ready = sodium_init();
  assert(ready >= 0);
  std::array<unsigned char, 32> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                     nullptr, 0);
  std::array<char, 65> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), 64);
}

}  // namespace smpolicy::store
