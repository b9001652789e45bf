// store (private): the one hash the audit chain uses.
#pragma once

#include <string>
#include <string_view>

namespace smpolicy::store {

// BLAKE2b-256 of `bytes` (libsodium's crypto_generichash) as 64 lowercase hex digits.
std::string blake2b_256_hex(std::string_view bytes);

}  // namespace smpolicy::store
