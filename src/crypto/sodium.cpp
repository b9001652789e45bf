// The one file that sees libsodium. sodium_init() runs once, before the first use, from
// whichever thread gets there first (libsodium makes that safe).
#include <sodium.h>

#include <cstdlib>
#include <vector>

#include "crypto/crypto.hpp"

namespace smpolicy::crypto {
namespace {

void ensure_initialised() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) std::abort();  // no secure random source: nothing here can be trusted
}

const unsigned char* bytes_of(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

std::string blake2b_hex(std::string_view data, std::size_t bytes) {
  ensure_initialised();
  std::vector<unsigned char> digest(bytes);
  crypto_generichash(digest.data(), digest.size(), bytes_of(data), data.size(), nullptr, 0);
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

std::string random_token(std::size_t bytes) {
  ensure_initialised();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string text(sodium_base64_encoded_len(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(text.data(), text.size(), raw.data(), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  text.resize(std::char_traits<char>::length(text.c_str()));
  return text;
}

std::expected<std::string, Error> hash_password(std::string_view password, PasswordCost cost) {
  ensure_initialised();
  char out[crypto_pwhash_STRBYTES];
  bool full = cost == PasswordCost::interactive;
  unsigned long long passes = full ? crypto_pwhash_OPSLIMIT_INTERACTIVE : crypto_pwhash_OPSLIMIT_MIN;
  std::size_t memory = full ? crypto_pwhash_MEMLIMIT_INTERACTIVE : crypto_pwhash_MEMLIMIT_MIN;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), passes, memory,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return fail(ErrorCode::io, "password hash: out of memory");
  }
  return std::string(out);
}

bool verify_password(std::string_view hash, std::string_view password) {
  ensure_initialised();
  // libsodium wants a NUL-terminated hash no longer than its buffer.
  if (hash.size() >= crypto_pwhash_STRBYTES) return false;
  std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool equal_secrets(std::string_view a, std::string_view b) {
  ensure_initialised();
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace smpolicy::crypto
