#include <array>

#include "store/schema.hpp"

namespace smpolicy::store {
namespace {

// Version 1: schools, people and the append-only audit log. Every record but a school
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

constexpr std::array<std::string_view, 1> k_migrations = {k_v1};

}  // namespace

std::span<const std::string_view> sqlite_migrations() { return k_migrations; }

}  // namespace smpolicy::store
