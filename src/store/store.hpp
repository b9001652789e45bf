// store: the school's records and the tamper-evident audit log, behind one interface.
// Two back ends sit behind the same interface: SQLite (a file under a data directory, the
// default for one school) and PostgreSQL (by connection URL, for a trust or authority).
// Nothing here speaks any SQL dialect.
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
  std::string identity_json;  // names, aliases, e-mail domains, phones, timetable: JSON
  std::string created;        // ISO 8601 with offset
  std::string trust_id{};     // the trust or authority that holds it; empty: none
};

struct NewSchool {
  std::string name;
  std::string pack_id;
  std::string identity_json = "{}";
  std::string trust_id{};     // must name an existing trust when not empty
};

// A trust or local authority: holds several schools.
struct Trust {
  std::string id;  // a slug of the name, unique among trusts
  std::string name;
  std::string created;
};

// ---- Registers (each belongs to one school) ------------------------------------------

// What a staff member declared (DESIGN.md: relationships and references to employment).
enum class DeclarationKind {
  employment_reference,    // their profile names the school as employer
  relationship_pupil,      // a relationship with a pupil outside school (family, club)
  relationship_parent,     // a relationship with a parent
  staff_parent,            // they are themselves a parent at the school
  online_friendship,       // an online friendship that predates the policy or the job
  other,
};
std::string_view name_of(DeclarationKind kind);
std::optional<DeclarationKind> parse_declaration_kind(std::string_view text);

struct Declaration {
  std::int64_t id = 0;          // assigned by the store
  std::string staff_id;         // roster id of who declared: "staff:jsmith"
  DeclarationKind kind = DeclarationKind::other;
  std::string about;            // a roster id or a description: "pupil:1042", "LinkedIn"
  std::string details;          // free text in the declarer's words
  std::string declared;         // ISO 8601, stamped by the store
  std::string reviewed_by;      // empty until a leader has seen it
  std::string reviewed;         // ISO 8601 or empty
};

// An account that speaks for the school on a platform.
struct OfficialAccount {
  std::int64_t id = 0;                  // assigned by the store; 0 in a new record
  std::string platform;                 // "facebook", "x"
  std::string handle;                   // "@hillsideprimary"
  bool school_owned = true;             // registered to a school address, not a person's
  std::vector<std::string> custodians;  // roster ids of staff who hold the credentials
  std::string rotation_due;             // date the credentials must next change: YYYY-MM-DD
  std::string updated;                  // ISO 8601, stamped by the store
};

// A staff member's acknowledgement of a version of the school's policy.
struct Acknowledgement {
  std::string person_id;     // roster id
  std::string pack_id;       // pack id in force when acknowledged
  std::string pack_version;  // that pack's version
  std::string time;          // ISO 8601, stamped by the store
};

// A monitoring report kept for the school (issue: IT uploads proxy logs).
struct KeptReport {
  std::int64_t id = 0;        // assigned by the store
  std::string title;          // "access.log.gz, 3-7 March"
  std::string uploaded_by;    // user name
  std::string time;           // ISO 8601, stamped by the store
  std::string summary_json;   // the report's JSON form
  std::string html;           // the self-contained HTML form
};

// ---- Sign-in --------------------------------------------------------------------------

// A local account. Roles are names from the server's role list ("staff", "approver",
// "dsl", "publisher", "it", "trust_admin", "governor"); the store keeps them as given.
struct User {
  std::string username;               // unique across the store, lower case
  std::string display_name;
  std::string school_id;              // the school it works in; empty for a trust account
  std::string trust_id;               // the trust it works in; empty when none
  std::string person_id;              // roster id when the user is on the roster
  std::vector<std::string> roles;
  std::string password_hash;          // an Argon2id string (libsodium crypto_pwhash_str)
  bool disabled = false;
  std::string created;
};

// A signed-in session. The store keeps only a digest of the cookie's token, so a copy of
// the database cannot be used to sign in.
struct Session {
  std::string token_digest;  // hex
  std::string username;
  std::string csrf_token;    // random, sent in forms and the X-CSRF-Token header
  std::string created;       // ISO 8601
  std::string expires;       // ISO 8601
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
  // When intact, the newest entry: its "SEQ:HASH" noted outside the store (printed,
  // e-mailed) lets a later check see entries removed from the end or a rebuilt chain.
  std::int64_t head_seq = 0;
  std::string head_hash;
};

// A head noted earlier, as "SEQ:HASH".
struct AuditAnchor {
  std::int64_t seq = 0;
  std::string hash;
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

  // Changes the pack in force and the identity JSON of a school, with an audit entry.
  virtual std::expected<School, Error> update_school(const School& school,
                                                     std::string_view actor) = 0;

  // Trusts. create_trust picks a unique id from the name; schools() of a trust lists the
  // schools it holds.
  virtual std::expected<Trust, Error> create_trust(std::string_view name,
                                                   std::string_view actor) = 0;
  virtual std::expected<std::optional<Trust>, Error> find_trust(std::string_view id) = 0;
  virtual std::expected<std::vector<School>, Error> trust_schools(std::string_view trust_id) = 0;

  // One person of a school, or nullopt.
  virtual std::expected<std::optional<Person>, Error> find_person(std::string_view school_id,
                                                                  std::string_view person_id) = 0;
  // Photo consent and the restricted list: sets one person's channels (print, website,
  // social; empty is "no consent", consent_known becomes true) and restricted flag, with an
  // audit entry naming the old and new values. not_found when the person is unknown.
  virtual std::expected<Person, Error> set_consent(std::string_view school_id,
                                                   std::string_view person_id,
                                                   const std::vector<std::string>& channels,
                                                   bool restricted, std::string_view actor) = 0;

  // Declarations. add stamps `declared`, assigns the id and audits; review stamps
  // reviewed_by/reviewed (not_found for an unknown id of that school).
  virtual std::expected<Declaration, Error> add_declaration(std::string_view school_id,
                                                            const Declaration& declaration,
                                                            std::string_view actor) = 0;
  virtual std::expected<Declaration, Error> review_declaration(std::string_view school_id,
                                                               std::int64_t id,
                                                               std::string_view reviewer) = 0;
  // Every declaration of the school, newest first; only `staff_id`'s when it is not empty.
  virtual std::expected<std::vector<Declaration>, Error> declarations(
      std::string_view school_id, std::string_view staff_id) = 0;

  // Official accounts: id 0 inserts, otherwise updates that account of the school
  // (not_found when the school has no such id). Audited. Ordered by platform, handle.
  virtual std::expected<OfficialAccount, Error> save_official_account(
      std::string_view school_id, const OfficialAccount& account, std::string_view actor) = 0;
  virtual std::expected<std::vector<OfficialAccount>, Error> official_accounts(
      std::string_view school_id) = 0;

  // Acknowledgements: one per person and pack version (acknowledging again keeps the
  // first time and succeeds). Audited when new. Ordered by time then person.
  virtual std::expected<Acknowledgement, Error> acknowledge(std::string_view school_id,
                                                            const Acknowledgement& ack,
                                                            std::string_view actor) = 0;
  virtual std::expected<std::vector<Acknowledgement>, Error> acknowledgements(
      std::string_view school_id) = 0;

  // Kept monitoring reports, newest first (list without the html), and one in full.
  virtual std::expected<KeptReport, Error> keep_report(std::string_view school_id,
                                                       const KeptReport& report) = 0;
  virtual std::expected<std::vector<KeptReport>, Error> reports(std::string_view school_id) = 0;
  virtual std::expected<std::optional<KeptReport>, Error> find_report(
      std::string_view school_id, std::int64_t id) = 0;

  // Users and sessions. create_user fails (invalid) when the username is taken or the
  // school/trust is unknown. It is audited under the user's school; a trust account's
  // entry has an empty school_id (the chain covers it; no school's log lists it).
  virtual std::expected<User, Error> create_user(const User& user, std::string_view actor) = 0;
  virtual std::expected<std::optional<User>, Error> find_user(std::string_view username) = 0;
  virtual std::expected<std::vector<User>, Error> users(std::string_view school_id) = 0;
  virtual std::expected<void, Error> set_password(std::string_view username,
                                                  std::string_view password_hash,
                                                  std::string_view actor) = 0;
  virtual std::expected<void, Error> save_session(const Session& session) = 0;
  // The session with that digest that has not expired at `now` (ISO 8601), or nullopt.
  virtual std::expected<std::optional<Session>, Error> find_session(std::string_view digest,
                                                                    std::string_view now) = 0;
  virtual std::expected<void, Error> delete_session(std::string_view digest) = 0;

  // The audit log. append_audit stamps the time, links the entry to the last one and
  // returns it as stored.
  virtual std::expected<AuditEntry, Error> append_audit(const AuditEvent& event) = 0;
  // One school's entries, oldest first.
  virtual std::expected<std::vector<AuditEntry>, Error> audit_entries(
      std::string_view school_id) = 0;
  // At most `limit` of the school's entries with seq below `before` (0: no bound), newest
  // first: one page of the history without reading the rest of it.
  virtual std::expected<std::vector<AuditEntry>, Error> newest_audit_entries(
      std::string_view school_id, std::int64_t limit, std::int64_t before) = 0;
  // The sequence number of the school's newest audit entry (0 when none). Every change to
  // a school's records writes one, so a server process compares it with the revision it
  // compiled the school's matcher at and rebuilds when another process changed the roster.
  virtual std::expected<std::int64_t, Error> school_revision(std::string_view school_id) = 0;
  // Walks the whole chain (every school's entries, in sequence) and reports the first
  // broken link, or intact with the number of entries.
  virtual std::expected<AuditCheck, Error> verify_audit() = 0;
  // One entry by its sequence number, if there is one.
  virtual std::expected<std::optional<AuditEntry>, Error> audit_entry(std::int64_t seq) = 0;

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

// Connects to PostgreSQL at `url` ("postgresql://user@127.0.0.1:5432/smpolicy") and brings
// its schema up to date, as open_sqlite_store does. ErrorCode::io when the server cannot be
// reached (the message names the host, never the password).
std::expected<std::unique_ptr<Store>, Error> open_postgres_store(
    std::string_view url, std::shared_ptr<const Clock> clock);

// Either: a "postgres://" or "postgresql://" URL opens PostgreSQL, anything else is taken
// as a data directory for SQLite.
std::expected<std::unique_ptr<Store>, Error> open_store(std::string_view database,
                                                        std::shared_ptr<const Clock> clock);

// ---- Audit chain ---------------------------------------------------------------------

// The prev_hash of the first entry: 64 zeros.
std::string genesis_hash();
// The hash an entry should carry, from its other fields.
std::string audit_hash(const AuditEntry& entry);
// Walks `entries` (ordered by seq, as stored) and reports the first broken link.
AuditCheck verify_chain(std::span<const AuditEntry> entries);
// Reads "SEQ:HASH" (a 64-digit hex hash), as AuditCheck's head is printed.
std::expected<AuditAnchor, Error> parse_audit_anchor(std::string_view text);
// Walks the chain, then checks the noted head is still in it. The chain alone cannot
// show that its newest entries were removed, or that it was rebuilt with fresh hashes;
// against a head noted before, either is reported (broken_at names where).
std::expected<AuditCheck, Error> verify_audit_against(Store& store, const AuditAnchor& anchor);
// What the CLI, API and page call: the plain walk when `noted_head` is empty, else the
// walk against it (a parse error when it is not SEQ:HASH).
std::expected<AuditCheck, Error> check_audit(Store& store, std::string_view noted_head);

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
