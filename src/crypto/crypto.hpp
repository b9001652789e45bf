// crypto: the few primitives the service needs, all from libsodium behind one file —
// digests for the audit chain and session tokens, random tokens, Argon2id password hashes
// and comparisons that take the same time whatever the inputs.
#pragma once

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>

#include "core/core.hpp"

namespace smpolicy::crypto {

// BLAKE2b of `data` as lower-case hex, `bytes` long (16..64; 32 gives 64 hex digits).
std::string blake2b_hex(std::string_view data, std::size_t bytes = 32);

// `bytes` random bytes from the operating system, as unpadded base64url text: safe in a
// cookie, a URL or a form field. 32 bytes give 43 characters.
std::string random_token(std::size_t bytes = 32);

// How hard a password hash is to compute. `interactive` is libsodium's setting for
// sign-in (64 MiB, 2 passes) and the one for real accounts; `minimum` (8 KiB, 1 pass) is
// for tests that create many accounts, never for stored passwords people use.
enum class PasswordCost { interactive, minimum };

// An Argon2id hash of `password` in libsodium's self-describing string form (the cost
// is written into it, so verify_password needs no setting). Fails (ErrorCode::io) only
// when memory for the hash cannot be had.
std::expected<std::string, Error> hash_password(std::string_view password,
                                                PasswordCost cost = PasswordCost::interactive);

// True when `password` matches `hash` (a string from hash_password). A malformed hash
// never matches.
bool verify_password(std::string_view hash, std::string_view password);

// True when the two texts are equal, in time that depends only on their lengths.
bool equal_secrets(std::string_view a, std::string_view b);

}  // namespace smpolicy::crypto
