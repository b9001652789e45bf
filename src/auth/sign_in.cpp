// Sign-in and sessions. Every failure to sign in reads the same to the caller, so the
// answer never tells whether a user name exists; the throttle counts failures by user
// name and by address so neither guessing one password across many names nor many
// passwords for one name gets far.
#include "auth/auth.hpp"
#include "crypto/crypto.hpp"

namespace smpolicy::auth {
namespace {

constexpr std::string_view k_wrong = "user name or password is wrong";

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

std::string address_key(std::string_view address) { return "address:" + std::string(address); }
std::string user_key(std::string_view username) { return "user:" + lower(username); }

std::expected<std::string, Error> expiry_after(std::string_view now) {
  auto start = parse_instant(now);
  if (!start) return std::unexpected(start.error());
  auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(k_session_lifetime).count();
  return format_utc(start->seconds + lifetime);
}

}  // namespace

std::string token_digest(std::string_view token) { return crypto::blake2b_hex(token); }

std::expected<SignedIn, Error> sign_in(store::Store& store, Throttle& throttle,
                                       std::string_view username, std::string_view password,
                                       std::string_view address, std::string_view now) {
  auto moment = Throttle::Clock::now();
  std::string by_user = user_key(username), by_address = address_key(address);
  if (!throttle.allowed(by_user, k_user_attempts, moment) ||
      !throttle.allowed(by_address, k_address_attempts, moment)) {
    return fail(ErrorCode::unsupported, "too many attempts to sign in: wait 15 minutes and try again");
  }
  auto user = store.find_user(lower(username));
  if (!user) return std::unexpected(user.error());
  bool good = *user && !(*user)->disabled && crypto::verify_password((*user)->password_hash, password);
  if (!good) {
    throttle.failed(by_user, moment);
    throttle.failed(by_address, moment);
    return fail(ErrorCode::invalid, std::string(k_wrong));
  }
  throttle.succeeded(by_user);
  auto expires = expiry_after(now);
  if (!expires) return std::unexpected(expires.error());
  SignedIn in{crypto::random_token(), {}, **user};
  in.session = store::Session{token_digest(in.token), in.user.username, crypto::random_token(),
                              std::string(now), *expires};
  if (auto saved = store.save_session(in.session); !saved) return std::unexpected(saved.error());
  return in;
}

std::expected<std::optional<Authenticated>, Error> authenticate(store::Store& store,
                                                                std::string_view token,
                                                                std::string_view now) {
  if (token.empty()) return std::nullopt;
  auto session = store.find_session(token_digest(token), now);
  if (!session) return std::unexpected(session.error());
  if (!*session) return std::nullopt;
  auto user = store.find_user((*session)->username);
  if (!user) return std::unexpected(user.error());
  if (!*user || (*user)->disabled) return std::nullopt;
  return Authenticated{std::move(**user), std::move(**session)};
}

std::expected<void, Error> sign_out(store::Store& store, std::string_view token) {
  if (token.empty()) return {};
  return store.delete_session(token_digest(token));
}

std::expected<store::User, Error> create_user(store::Store& store, store::User user,
                                              std::string_view password, std::string_view actor,
                                              crypto::PasswordCost cost) {
  if (auto problem = password_problem(password)) return fail(ErrorCode::invalid, *problem);
  for (const std::string& role : user.roles) {
    if (!parse_role(role)) return fail(ErrorCode::invalid, "unknown role '" + role + "'");
  }
  if (user.roles.empty()) return fail(ErrorCode::invalid, "a user needs at least one role");
  user.username = lower(user.username);
  auto hash = crypto::hash_password(password, cost);
  if (!hash) return std::unexpected(hash.error());
  user.password_hash = std::move(*hash);
  return store.create_user(user, actor);
}

}  // namespace smpolicy::auth
