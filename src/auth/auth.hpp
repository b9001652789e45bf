// auth: who may do what. Roles, local sign-in against the store with Argon2id hashes,
// sessions held as a digest of a random cookie token, and throttling of failed sign-ins.
// It knows nothing of HTTP: the server hands it names, passwords and tokens.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/core.hpp"
#include "crypto/crypto.hpp"
#include "store/store.hpp"

namespace smpolicy::auth {

// The roles of DESIGN.md's table. A user may hold several.
enum class Role : std::uint8_t { staff, approver, dsl, publisher, it, trust_admin, governor };
inline constexpr std::size_t k_role_count = 7;

std::string_view name_of(Role role);
std::optional<Role> parse_role(std::string_view text);
std::span<const Role> all_roles();

// A set of roles, as a route lists who may call it.
class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) m_bits |= bit(r);
  }
  static constexpr RoleSet everyone() {
    RoleSet all;
    all.m_bits = (1u << k_role_count) - 1;
    return all;
  }
  constexpr bool has(Role role) const { return (m_bits & bit(role)) != 0; }
  constexpr bool overlaps(RoleSet other) const { return (m_bits & other.m_bits) != 0; }
  constexpr void add(Role role) { m_bits |= bit(role); }
  constexpr bool empty() const { return m_bits == 0; }

 private:
  static constexpr std::uint32_t bit(Role r) { return 1u << static_cast<unsigned>(r); }
  std::uint32_t m_bits = 0;
};

// The roles a stored user holds; names that are not roles are ignored.
RoleSet roles_of(const store::User& user);

// The shortest password accepted.
inline constexpr std::size_t k_min_password_length = 10;
// Why `password` is refused, or nullopt when it is acceptable.
std::optional<std::string> password_problem(std::string_view password);

// Failed sign-ins per key (a user name, an address): after `limit` failures within the
// window, the key is refused until the window has passed since its last failure. Safe to
// share between threads.
class Throttle {
 public:
  using Clock = std::chrono::steady_clock;
  explicit Throttle(std::chrono::seconds window = std::chrono::minutes(15)) : m_window(window) {}
  // True when `key` may try now.
  bool allowed(std::string_view key, int limit, Clock::time_point now);
  void failed(std::string_view key, Clock::time_point now);
  void succeeded(std::string_view key);

 private:
  struct Record {
    int failures = 0;
    Clock::time_point last;
  };
  std::chrono::seconds m_window;
  std::mutex m_mutex;
  std::map<std::string, Record, std::less<>> m_records;
};

// Failures allowed per user name, and per address (a school's staff may share one).
inline constexpr int k_user_attempts = 5;
inline constexpr int k_address_attempts = 50;

// How long a session lasts after sign-in.
inline constexpr std::chrono::hours k_session_lifetime{12};

// A session just created: `token` goes in the cookie and is never stored.
struct SignedIn {
  std::string token;
  store::Session session;
  store::User user;
};

// Checks the password and opens a session. Fails with ErrorCode::invalid and one message
// for an unknown user, a wrong password or a disabled account alike ("user name or
// password is wrong"), and with ErrorCode::unsupported ("too many attempts ...") when the
// throttle refuses the user name or `address`. `now` is ISO 8601 (the store's clock).
std::expected<SignedIn, Error> sign_in(store::Store& store, Throttle& throttle,
                                       std::string_view username, std::string_view password,
                                       std::string_view address, std::string_view now);

// The user and session a cookie token stands for, or nullopt when it is unknown, expired
// or its user has been disabled.
struct Authenticated {
  store::User user;
  store::Session session;
};
std::expected<std::optional<Authenticated>, Error> authenticate(store::Store& store,
                                                                std::string_view token,
                                                                std::string_view now);

// Ends the session the token stands for (nothing happens when there is none).
std::expected<void, Error> sign_out(store::Store& store, std::string_view token);

// The digest under which a token's session is stored.
std::string token_digest(std::string_view token);

// Creates a user with a hashed password; refuses a weak password or an unknown role.
// `cost` stays interactive except in tests.
std::expected<store::User, Error> create_user(store::Store& store, store::User user,
                                              std::string_view password, std::string_view actor,
                                              crypto::PasswordCost cost = crypto::PasswordCost::interactive);

}  // namespace smpolicy::auth
