// Users and sessions over any Connection. A user belongs to a school, a trust or both;
// either absent is NULL in its column so the foreign key checks the one present.
#include "store/records.hpp"
#include "store/sql_store.hpp"

namespace smpolicy::store {
namespace {

constexpr std::string_view k_user_select =
    "SELECT username, display_name, coalesce(school_id, ''), coalesce(trust_id, ''), "
    "person_id, roles, password_hash, disabled, created FROM users";
constexpr std::string_view k_session_select =
    "SELECT token_digest, username, csrf_token, created, expires FROM sessions";

User read_user(const Row& r) {
  return User{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), split_list(r.text(5)),
              r.text(6), r.flag(7), r.text(8)};
}

Session read_session(const Row& r) { return Session{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4)}; }

}  // namespace

std::expected<User, Error> SqlStore::create_user(const User& user, std::string_view actor) {
  User made = user;
  made.created = m_clock->now();
  auto done = transaction([&]() -> std::expected<void, Error> {
    auto taken = find_user(made.username);
    if (!taken) return std::unexpected(taken.error());
    if (*taken) return fail(ErrorCode::invalid, "user name '" + made.username + "' is taken");
    if (!made.school_id.empty()) {
      auto school = find_school(made.school_id);
      if (!school) return std::unexpected(school.error());
      if (!*school) return fail(ErrorCode::invalid, "no school '" + made.school_id + "'");
    }
    if (!made.trust_id.empty()) {
      auto trust = find_trust(made.trust_id);
      if (!trust) return std::unexpected(trust.error());
      if (!*trust) return fail(ErrorCode::invalid, "no trust '" + made.trust_id + "'");
    }
    auto saved = m_db->query(
        "INSERT INTO users (username, display_name, school_id, trust_id, person_id, roles, "
        "password_hash, disabled, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {made.username, made.display_name, null_if_empty(made.school_id), null_if_empty(made.trust_id),
         made.person_id, join_list(made.roles), made.password_hash, std::int64_t{made.disabled},
         made.created});
    if (!saved) {
      return fail(saved.error().code, "user '" + made.username + "': " + saved.error().message);
    }
    // Never the password hash: the audit log is read by more people than the users table.
    return audit(
        made.school_id, actor, "user.create", made.username,
        json_object(
            {{"roles", join_list(made.roles)}, {"trust", made.trust_id}, {"person", made.person_id}}));
  });
  if (!done) return std::unexpected(done.error());
  return made;
}

std::expected<std::optional<User>, Error> SqlStore::find_user(std::string_view username) {
  return first(concat({k_user_select, " WHERE username = ?"}), {username}, read_user);
}

// An empty school_id lists the accounts that belong to no school (a trust's).
std::expected<std::vector<User>, Error> SqlStore::users(std::string_view school_id) {
  if (school_id.empty()) {
    return collect(concat({k_user_select, " WHERE school_id IS NULL ORDER BY username"}), {}, read_user);
  }
  return collect(concat({k_user_select, " WHERE school_id = ? ORDER BY username"}), {school_id}, read_user);
}

std::expected<void, Error> SqlStore::set_password(std::string_view username, std::string_view password_hash,
                                                  std::string_view actor) {
  return transaction([&]() -> std::expected<void, Error> {
    auto saved = m_db->query(
        "UPDATE users SET password_hash = ? WHERE username = ? "
        "RETURNING coalesce(school_id, '')",
        {password_hash, username});
    if (!saved) return std::unexpected(saved.error());
    if (saved->empty()) return fail(ErrorCode::not_found, "no user '" + std::string(username) + "'");
    return audit(saved->front().text(0), actor, "user.password", username, "{}");
  });
}

std::expected<void, Error> SqlStore::save_session(const Session& session) {
  auto saved = m_db->query(
      "INSERT INTO sessions (token_digest, username, csrf_token, created, expires) "
      "VALUES (?, ?, ?, ?, ?)",
      {session.token_digest, session.username, session.csrf_token, session.created, session.expires});
  if (!saved) return std::unexpected(saved.error());
  return {};
}

// Times compare as text, which orders ISO 8601 correctly when both carry the same offset
// (the store's clocks write UTC, +00:00).
std::expected<std::optional<Session>, Error> SqlStore::find_session(std::string_view digest,
                                                                    std::string_view now) {
  return first(concat({k_session_select, " WHERE token_digest = ? AND expires > ?"}), {digest, now},
               read_session);
}

std::expected<void, Error> SqlStore::delete_session(std::string_view digest) {
  auto deleted = m_db->query("DELETE FROM sessions WHERE token_digest = ?", {digest});
  if (!deleted) return std::unexpected(deleted.error());
  return {};
}

}  // namespace smpolicy::store
