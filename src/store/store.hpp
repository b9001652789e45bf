// store: the school's records and the tamper-evident audit log, behind one interface.
// SQLite is the back end today (a file under a data directory); PostgreSQL comes later
// behind the same interface, so nothing here speaks any SQL dialect.
//
// Tenancy is built in: a school is a tenant, every record belongs to one, and every read
// or write of a school's records takes its id, so no query can cross schools.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.hpp"

namespace smpolicy::store {

// ---- Time ---------------------------------------------------------------------------

// Where the store reads the time. Tests pass a fixed clock.
class Clock {
 public:
  virtual ~Clock() = default;
  // The current time as ISO 8601 with an offset, e.g. "2026-03-03T10:15:00+00:00".
  virtual std::string now() const = 0;
};

// The system clock, in UTC.
std::shared_ptr<const Clock> system_clock();
// A clock that always reads `iso_time`.
std::shared_ptr<const Clock> fixed_clock(std::string iso_time);

// ---- Records ------------------------------------------------------------------------

// A school: the tenant every other record belongs to.
struct School {
  std::string id;             // a slug of the name, unique: "salterlee-primary"
  std::string name;
  std::string pack_id;        // the policy pack in force
  std::string identity_json;  // names, e-mail domains, phones as a JSON object
  std::string created;        // ISO 8601 with offset
};

struct NewSchool {
  std::string name;
  std::string pack_id;
  std::string identity_json = "{}";
};

// Who did what, for the audit log. `details_json` is a JSON object as text.
struct AuditEvent {
  std::string school_id;
  std::string actor;    // "cli", "staff:jsmith"
  std::string action;   // "school.create", "roster.import"
  std::string subject;  // what it was done to: a school id, a person id, a file name
  std::string details_json = "{}";
};

// One entry of the audit log. `hash` is BLAKE2b-256 (hex) over a canonical,
// length-prefixed serialisation of every other field, `prev_hash` included; the first
// entry's prev_hash is 64 zeros.
struct AuditEntry {
  std::int64_t seq = 0;  // 1, 2, 3 ... with no gaps
  std::string school_id, time, actor, action, subject, details_json;
  std::string prev_hash, hash;
};

// The result of walking the audit chain. When not intact, `broken_at` is the sequence
// number of the first broken link and `why` says what is wrong with it: "content
// changed", "entry missing" or "chain reordered".
struct AuditCheck {
  bool intact = true;
  std::int64_t entries = 0;
  std::int64_t broken_at = 0;
  std::string why;
};

// ---- The interface ------------------------------------------------------------------

// Every method fails with an Error naming what went wrong (ErrorCode::io when the
// database cannot be used, not_found for an unknown school, invalid when a record breaks
// a constraint). A failed write leaves nothing behind. A Store serves one thread at a
// time; several processes may open the same data directory and take turns writing.
class Store {
 public:
  virtual ~Store() = default;

  // Schools. create_school picks a unique id from the name and records the creation in
  // the audit log, in one transaction.
  virtual std::expected<School, Error> create_school(const NewSchool& school,
                                                     std::string_view actor) = 0;
  virtual std::expected<std::optional<School>, Error> find_school(std::string_view id) = 0;
  virtual std::expected<std::vector<School>, Error> schools() = 0;

  // People of one school (the roster contract of DESIGN.md), ordered by id.
  virtual std::expected<std::vector<Person>, Error> people(std::string_view school_id) = 0;
  // Inserts each person, or updates it in place when the school already has that id, and
  // appends `event` to the audit log: all in one transaction, so either every row and
  // the entry are written or none is.
  virtual std::expected<void, Error> save_people(std::string_view school_id,
                                                 std::span<const Person> people,
                                                 const AuditEvent& event) = 0;

  // Next: consents, declarations, official accounts and acknowledgements, each a record
  // of one school with its own methods here and its own migration in the back end.

  // The audit log. append_audit stamps the time, links the entry to the last one and
  // returns it as stored.
  virtual std::expected<AuditEntry, Error> append_audit(const AuditEvent& event) = 0;
  // One school's entries, oldest first.
  virtual std::expected<std::vector<AuditEntry>, Error> audit_entries(
      std::string_view school_id) = 0;
  // Walks the whole chain (every school's entries, in sequence) and reports the first
  // broken link, or intact with the number of entries.
  virtual std::expected<AuditCheck, Error> verify_audit() = 0;

  // Writes a consistent copy of the whole store to `path` while it stays in use: to a
  // temporary file beside it first, then renamed into place.
  virtual std::expected<void, Error> backup(const std::filesystem::path& path) = 0;
};

// The SQLite file inside `data_dir`, which is created when absent.
inline constexpr std::string_view k_sqlite_file = "smpolicy.db";

// Opens (or creates) the SQLite store in `data_dir` and brings its schema up to date.
// Fails with ErrorCode::unsupported when the file's schema is newer than this binary
// knows, and ErrorCode::io when the file cannot be opened or migrated.
std::expected<std::unique_ptr<Store>, Error> open_sqlite_store(
    const std::filesystem::path& data_dir, std::shared_ptr<const Clock> clock);

// ---- Audit chain ---------------------------------------------------------------------

// The prev_hash of the first entry: 64 zeros.
std::string genesis_hash();
// The hash an entry should carry, from its other fields.
std::string audit_hash(const AuditEntry& entry);
// Walks `entries` (ordered by seq, as stored) and reports the first broken link.
AuditCheck verify_chain(std::span<const AuditEntry> entries);

// ---- Roster import ------------------------------------------------------------------

// What an import would do. `bad_rows` name every bad row as "FILE:LINE:COL: why"; the
// counts compare the good rows with the school's people by id.
struct ImportPreview {
  std::string source;  // the file name, for messages and the audit entry
  std::vector<Person> people;
  std::vector<Error> bad_rows;
  int added = 0, updated = 0, unchanged = 0;
};

// Parses `csv` (named `source`) and compares it with the school's people. Fails when the
// school is unknown or the file as a whole cannot be read (a missing required column).
std::expected<ImportPreview, Error> preview_roster_import(Store& store,
                                                          std::string_view school_id,
                                                          std::string_view csv,
                                                          std::string_view source);

// Writes the previewed people in one transaction, with one audit entry summarising it.
// All or nothing: refuses (ErrorCode::invalid) when the preview has bad rows, and a
// failure while writing leaves the store as it was.
std::expected<void, Error> commit_roster_import(Store& store, std::string_view school_id,
                                                const ImportPreview& preview,
                                                std::string_view actor);

}  // namespace smpolicy::store
