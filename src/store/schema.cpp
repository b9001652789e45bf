#include <string_view>

#include "store/schema.hpp"

namespace smpolicy::store {
namespace {

// SQLite version 1: schools, people and the append-only audit log. Every record but a school
// carries its school's id, and the audit table refuses UPDATE and DELETE so a change
// needs the trigger dropped first, which the hash chain then reveals.
constexpr std::string_view k_v1 = R"sql(
CREATE TABLE schools (
  id       TEXT PRIMARY KEY CHECK (id <> ''),
  name     TEXT NOT NULL CHECK (name <> ''),
  pack_id  TEXT NOT NULL CHECK (pack_id <> ''),
  identity TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(identity)),
  created  TEXT NOT NULL
);
CREATE TABLE people (
  school_id      TEXT NOT NULL REFERENCES schools(id),
  id             TEXT NOT NULL CHECK (id <> ''),
  role           TEXT NOT NULL CHECK (role IN ('pupil', 'staff', 'parent', 'governor')),
  given_name     TEXT NOT NULL CHECK (given_name <> ''),
  family_name    TEXT NOT NULL CHECK (family_name <> ''),
  preferred_name TEXT NOT NULL DEFAULT '',
  date_of_birth  TEXT NOT NULL DEFAULT '',
  email          TEXT NOT NULL DEFAULT '',
  phone          TEXT NOT NULL DEFAULT '',
  year_group     TEXT NOT NULL DEFAULT '',
  left_on        TEXT NOT NULL DEFAULT '',
  restricted     INTEGER NOT NULL DEFAULT 0,
  consent_known  INTEGER NOT NULL DEFAULT 0,
  photo_consent  TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (school_id, id)
);
CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  school_id TEXT NOT NULL REFERENCES schools(id),
  time      TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  subject   TEXT NOT NULL,
  details   TEXT NOT NULL CHECK (json_valid(details)),
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
CREATE INDEX audit_log_school ON audit_log (school_id, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

// PostgreSQL's own form of the append-only rule: one function refusing every change,
// row by row for UPDATE and DELETE and at once for TRUNCATE.
constexpr std::string_view k_postgres_append_only = R"sql(
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
)sql";

// Version 2 lets the audit log take entries that belong to no school (a trust's): its
// school_id becomes NULL-able. SQLite cannot relax a column in place, so the table is
// copied row for row into one made from version 1's definition, and version 1's index
// and triggers are made again on it under the same names.
constexpr std::string_view k_sqlite_v2_copy = R"sql(
INSERT INTO audit_log_v2 SELECT seq, school_id, time, actor, action, subject, details,
  prev_hash, hash FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_v2 RENAME TO audit_log;
)sql";

constexpr std::string_view k_postgres_v2_audit = R"sql(
ALTER TABLE audit_log ALTER COLUMN school_id DROP NOT NULL;
)sql";

// Version 2, both dialects: trusts, the registers of each school, users and sessions.
// {key} is an integer key the database assigns. An optional
// reference (a school's trust, a user's school) is NULL when absent so its foreign key
// can be checked.
constexpr std::string_view k_v2_tables = R"sql(
CREATE TABLE trusts (
  id      TEXT PRIMARY KEY CHECK (id <> ''),
  name    TEXT NOT NULL CHECK (name <> ''),
  created TEXT NOT NULL
);
ALTER TABLE schools ADD COLUMN trust_id TEXT REFERENCES trusts(id);
CREATE INDEX schools_trust ON schools (trust_id, id);
CREATE TABLE declarations (
  id          {key},
  school_id   TEXT NOT NULL REFERENCES schools(id),
  staff_id    TEXT NOT NULL CHECK (staff_id <> ''),
  kind        TEXT NOT NULL CHECK (kind <> ''),
  about       TEXT NOT NULL DEFAULT '',
  details     TEXT NOT NULL DEFAULT '',
  declared    TEXT NOT NULL,
  reviewed_by TEXT NOT NULL DEFAULT '',
  reviewed    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX declarations_school ON declarations (school_id, staff_id);
CREATE TABLE official_accounts (
  id           {key},
  school_id    TEXT NOT NULL REFERENCES schools(id),
  platform     TEXT NOT NULL CHECK (platform <> ''),
  handle       TEXT NOT NULL CHECK (handle <> ''),
  school_owned INTEGER NOT NULL DEFAULT 1,
  custodians   TEXT NOT NULL DEFAULT '',
  rotation_due TEXT NOT NULL DEFAULT '',
  updated      TEXT NOT NULL,
  UNIQUE (school_id, platform, handle)
);
CREATE TABLE acknowledgements (
  school_id    TEXT NOT NULL REFERENCES schools(id),
  person_id    TEXT NOT NULL CHECK (person_id <> ''),
  pack_id      TEXT NOT NULL CHECK (pack_id <> ''),
  pack_version TEXT NOT NULL,
  time         TEXT NOT NULL,
  PRIMARY KEY (school_id, person_id, pack_id, pack_version)
);
CREATE TABLE reports (
  id          {key},
  school_id   TEXT NOT NULL REFERENCES schools(id),
  title       TEXT NOT NULL CHECK (title <> ''),
  uploaded_by TEXT NOT NULL,
  time        TEXT NOT NULL,
  summary     TEXT NOT NULL,
  html        TEXT NOT NULL
);
CREATE INDEX reports_school ON reports (school_id, time);
CREATE TABLE users (
  username      TEXT PRIMARY KEY CHECK (username <> '' AND username = lower(username)),
  display_name  TEXT NOT NULL DEFAULT '',
  school_id     TEXT REFERENCES schools(id),
  trust_id      TEXT REFERENCES trusts(id),
  person_id     TEXT NOT NULL DEFAULT '',
  roles         TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0,
  created       TEXT NOT NULL
);
CREATE INDEX users_school ON users (school_id, username);
CREATE TABLE sessions (
  token_digest TEXT PRIMARY KEY CHECK (token_digest <> ''),
  username     TEXT NOT NULL REFERENCES users(username) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,
  created      TEXT NOT NULL,
  expires      TEXT NOT NULL
);
)sql";

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

std::string replaced(std::string_view text,
                     std::initializer_list<std::pair<std::string_view, std::string_view>> edits) {
  std::string out(text);
  for (const auto& [from, to] : edits) replace_all(out, from, to);
  return out;
}

// The text of version 1 from the statement that begins with `from` up to the one that
// begins with `to` (or the end).
std::string_view v1_section(std::string_view from, std::string_view to = {}) {
  auto begin = k_v1.find(from);
  auto end = to.empty() ? k_v1.size() : k_v1.find(to, begin);
  return k_v1.substr(begin, end - begin);
}

// SQLite's table definitions in PostgreSQL's words. Every text column collates bytewise
// ("C"), as SQLite compares, so both back ends list records in one order; JSON is checked
// by casting.
std::string for_postgres(std::string_view sqlite) {
  return replaced(sqlite, {{"TEXT", "TEXT COLLATE \"C\""},
                           {"INTEGER PRIMARY KEY", "BIGINT PRIMARY KEY"},
                           {"json_valid(identity)", "identity::jsonb IS NOT NULL"},
                           {"json_valid(details)", "details::jsonb IS NOT NULL"}});
}

std::string sqlite_v2() {
  std::string audit =
      replaced(v1_section("CREATE TABLE audit_log", "CREATE INDEX"),
               {{"audit_log (", "audit_log_v2 ("}, {"TEXT NOT NULL REFERENCES", "TEXT REFERENCES"}});
  return audit + std::string(k_sqlite_v2_copy) + std::string(v1_section("CREATE INDEX")) +
         replaced(k_v2_tables, {{"{key}", "INTEGER PRIMARY KEY"}});
}

std::string postgres_v1() {
  return for_postgres(v1_section("CREATE TABLE schools", "CREATE TRIGGER")) +
         std::string(k_postgres_append_only);
}

std::string postgres_v2() {
  return std::string(k_postgres_v2_audit) +
         replaced(for_postgres(k_v2_tables),
                  {{"{key}", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"}});
}

}  // namespace

std::span<const std::string> schema_migrations(Dialect dialect) {
  static const std::vector<std::string> sqlite = {std::string(k_v1), sqlite_v2()};
  static const std::vector<std::string> postgres = {postgres_v1(), postgres_v2()};
  return dialect == Dialect::postgres ? postgres : sqlite;
}

}  // namespace smpolicy::store
