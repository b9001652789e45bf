// The SQLite back end: the only file that includes sqlite3.h. One connection per Store,
// WAL so readers never wait for the writer, foreign keys on, and a busy timeout so two
// processes sharing the file take turns instead of failing.
#include <sqlite3.h>

#include <functional>
#include <map>

#include "store/records.hpp"
#include "store/schema.hpp"
#include "store/store.hpp"

namespace smpolicy::store {
namespace {

constexpr int k_busy_timeout_ms = 5000;

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct FinalizeStatement {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;
using StatementHandle = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

// A constraint failure is bad input (invalid); anything else means the database itself
// could not be used (io).
Error db_error(sqlite3* db, std::string_view what) {
  bool constraint = (sqlite3_extended_errcode(db) & 0xff) == SQLITE_CONSTRAINT;
  return Error{constraint ? ErrorCode::invalid : ErrorCode::io,
               std::string(what) + ": " + sqlite3_errmsg(db)};
}

// A cached prepared statement, borrowed for one use: reset and unbound when done.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* s) : m_db(db), m_s(s) {}
  Statement(const Statement&) = delete;
  ~Statement() {
    sqlite3_reset(m_s);
    sqlite3_clear_bindings(m_s);
  }
  Statement& bind(std::string_view text) {
    sqlite3_bind_text(m_s, ++m_bound, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(std::int64_t value) {
    sqlite3_bind_int64(m_s, ++m_bound, value);
    return *this;
  }
  // True when a row is ready, false when the statement is done.
  std::expected<bool, Error> step() {
    int rc = sqlite3_step(m_s);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return std::unexpected(db_error(m_db, "sqlite"));
  }
  std::string text(int column) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(m_s, column));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_s, column)))
             : std::string();
  }
  std::int64_t integer(int column) const { return sqlite3_column_int64(m_s, column); }

 private:
  sqlite3* m_db;
  sqlite3_stmt* m_s;
  int m_bound = 0;
};

std::expected<void, Error> exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK) return {};
  std::string text = message ? message : sqlite3_errmsg(db);
  sqlite3_free(message);
  return fail(ErrorCode::io, "sqlite: " + text);
}

std::expected<Db, Error> open_file(const std::filesystem::path& file) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                           nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) {
    return fail(ErrorCode::io, file.string() + ": cannot open: " +
                                   (raw ? sqlite3_errmsg(raw) : "out of memory"));
  }
  sqlite3_busy_timeout(db.get(), k_busy_timeout_ms);
  return db;
}

// Runs `work` inside BEGIN IMMEDIATE ... COMMIT; any failure rolls everything back.
std::expected<void, Error> in_transaction(sqlite3* db,
                                          const std::function<std::expected<void, Error>()>& work) {
  if (auto begun = exec(db, "BEGIN IMMEDIATE"); !begun) return begun;
  auto done = work();
  if (done) done = exec(db, "COMMIT");
  if (!done) (void)exec(db, "ROLLBACK");
  return done;
}

// Applies every migration the file has not yet run, in one transaction, after checking
// the file is not from a newer smpolicy.
std::expected<void, Error> migrate(sqlite3* db, const std::filesystem::path& file) {
  auto migrations = sqlite_migrations();
  return in_transaction(db, [&]() -> std::expected<void, Error> {
    auto made = exec(db, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    if (!made) return made;
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT coalesce(max(version), 0) FROM schema_version", -1,
                           &raw, nullptr) != SQLITE_OK) {
      return std::unexpected(db_error(db, file.string()));
    }
    StatementHandle handle(raw);
    Statement read(db, raw);
    auto row = read.step();
    if (!row) return std::unexpected(row.error());
    auto version = static_cast<std::size_t>(read.integer(0));
    if (version > migrations.size()) {
      return fail(ErrorCode::unsupported,
                  file.string() + ": schema version " + std::to_string(version) +
                      " is newer than this smpolicy knows (" +
                      std::to_string(migrations.size()) + "); use a newer smpolicy");
    }
    for (std::size_t v = version + 1; v <= migrations.size(); ++v) {
      auto applied = exec(db, std::string(migrations[v - 1]) +
                                  ";\nINSERT INTO schema_version VALUES (" +
                                  std::to_string(v) + ")");
      if (!applied) return fail(ErrorCode::io, file.string() + ": migration " +
                                                   std::to_string(v) + ": " +
                                                   applied.error().message);
    }
    return {};
  });
}

constexpr const char* k_person_columns =
    "id, role, given_name, family_name, preferred_name, date_of_birth, email, phone, "
    "year_group, left_on, restricted, consent_known, photo_consent";

Person read_person(const Statement& s) {
  Person p;
  p.id = s.text(0);
  for (Role r : {Role::pupil, Role::staff, Role::parent, Role::governor}) {
    if (name_of(r) == s.text(1)) p.role = r;
  }
  p.given_name = s.text(2), p.family_name = s.text(3), p.preferred_name = s.text(4);
  p.date_of_birth = s.text(5), p.email = s.text(6), p.phone = s.text(7);
  p.year_group = s.text(8), p.left_on = s.text(9);
  p.restricted = s.integer(10) != 0;
  p.consent_known = s.integer(11) != 0;
  p.photo_consent = split_consent(s.text(12));
  return p;
}

AuditEntry read_entry(const Statement& s) {
  return AuditEntry{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4),
                    s.text(5),    s.text(6), s.text(7), s.text(8)};
}

constexpr const char* k_audit_columns =
    "seq, school_id, time, actor, action, subject, details, prev_hash, hash";

School read_school(const Statement& s) {
  return School{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4)};
}

class SqliteStore final : public Store {
 public:
  SqliteStore(Db db, std::shared_ptr<const Clock> clock)
      : m_db(std::move(db)), m_clock(std::move(clock)) {}

  std::expected<School, Error> create_school(const NewSchool& school,
                                             std::string_view actor) override;
  std::expected<std::optional<School>, Error> find_school(std::string_view id) override;
  std::expected<std::vector<School>, Error> schools() override;
  std::expected<std::vector<Person>, Error> people(std::string_view school_id) override;
  std::expected<void, Error> save_people(std::string_view school_id,
                                         std::span<const Person> people,
                                         const AuditEvent& event) override;
  std::expected<AuditEntry, Error> append_audit(const AuditEvent& event) override;
  std::expected<std::vector<AuditEntry>, Error> audit_entries(
      std::string_view school_id) override;
  std::expected<AuditCheck, Error> verify_audit() override;
  std::expected<void, Error> backup(const std::filesystem::path& path) override;

 private:
  std::expected<Statement, Error> prepare(const std::string& sql);
  std::expected<AuditEntry, Error> append_locked(const AuditEvent& event);
  std::expected<void, Error> save_person(std::string_view school_id, const Person& p);
  // Runs a query binding `key` (empty: none) and collects every row through `read`.
  template <typename T>
  std::expected<std::vector<T>, Error> collect(const std::string& sql, std::string_view key,
                                               T (*read)(const Statement&));

  // Declared before the cache so the statements are finalised before the connection
  // closes.
  Db m_db;
  std::shared_ptr<const Clock> m_clock;
  std::map<std::string, StatementHandle> m_statements;
};

std::expected<Statement, Error> SqliteStore::prepare(const std::string& sql) {
  auto& handle = m_statements[sql];
  if (!handle) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v3(m_db.get(), sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &raw,
                           nullptr) != SQLITE_OK) {
      m_statements.erase(sql);
      return std::unexpected(db_error(m_db.get(), "prepare " + sql));
    }
    handle.reset(raw);
  }
  return std::expected<Statement, Error>(std::in_place, m_db.get(), handle.get());
}

template <typename T>
std::expected<std::vector<T>, Error> SqliteStore::collect(const std::string& sql,
                                                          std::string_view key,
                                                          T (*read)(const Statement&)) {
  auto s = prepare(sql);
  if (!s) return std::unexpected(s.error());
  if (!key.empty()) s->bind(key);
  std::vector<T> rows;
  for (;;) {
    auto row = s->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return rows;
    rows.push_back(read(*s));
  }
}

std::expected<AuditEntry, Error> SqliteStore::append_locked(const AuditEvent& event) {
  auto last = collect<AuditEntry>(std::string("SELECT ") + k_audit_columns +
                                      " FROM audit_log ORDER BY seq DESC LIMIT 1",
                                  "", read_entry);
  if (!last) return std::unexpected(last.error());
  AuditEntry e{last->empty() ? 1 : last->front().seq + 1,
               event.school_id, m_clock->now(), event.actor, event.action, event.subject,
               event.details_json, last->empty() ? genesis_hash() : last->front().hash, ""};
  e.hash = audit_hash(e);
  auto s = prepare(std::string("INSERT INTO audit_log (") + k_audit_columns +
                   ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!s) return std::unexpected(s.error());
  s->bind(e.seq).bind(e.school_id).bind(e.time).bind(e.actor).bind(e.action);
  s->bind(e.subject).bind(e.details_json).bind(e.prev_hash).bind(e.hash);
  if (auto done = s->step(); !done) return std::unexpected(done.error());
  return e;
}

std::expected<AuditEntry, Error> SqliteStore::append_audit(const AuditEvent& event) {
  AuditEntry entry;
  auto done = in_transaction(m_db.get(), [&]() -> std::expected<void, Error> {
    auto e = append_locked(event);
    if (!e) return std::unexpected(e.error());
    entry = std::move(*e);
    return {};
  });
  if (!done) return std::unexpected(done.error());
  return entry;
}

std::expected<School, Error> SqliteStore::create_school(const NewSchool& school,
                                                        std::string_view actor) {
  School made{school_slug(school.name), school.name, school.pack_id, school.identity_json,
              m_clock->now()};
  auto done = in_transaction(m_db.get(), [&]() -> std::expected<void, Error> {
    std::string base = made.id;
    for (int n = 2;; ++n) {
      auto existing = find_school(made.id);
      if (!existing) return std::unexpected(existing.error());
      if (!*existing) break;
      made.id = base + "-" + std::to_string(n);
    }
    auto s = prepare("INSERT INTO schools (id, name, pack_id, identity, created) VALUES (?, ?, ?, ?, ?)");
    if (!s) return std::unexpected(s.error());
    s->bind(made.id).bind(made.name).bind(made.pack_id).bind(made.identity_json).bind(made.created);
    if (auto row = s->step(); !row) return std::unexpected(row.error());
    auto logged = append_locked({made.id, std::string(actor), "school.create", made.id,
                                 json_object({{"name", made.name}, {"pack", made.pack_id}})});
    if (!logged) return std::unexpected(logged.error());
    return {};
  });
  if (!done) return std::unexpected(done.error());
  return made;
}

std::expected<std::optional<School>, Error> SqliteStore::find_school(std::string_view id) {
  auto rows = collect<School>("SELECT id, name, pack_id, identity, created FROM schools WHERE id = ?",
                              id, read_school);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty() || id.empty()) return std::nullopt;
  return rows->front();
}

std::expected<std::vector<School>, Error> SqliteStore::schools() {
  return collect<School>("SELECT id, name, pack_id, identity, created FROM schools ORDER BY id",
                         "", read_school);
}

std::expected<std::vector<Person>, Error> SqliteStore::people(std::string_view school_id) {
  if (school_id.empty()) return std::vector<Person>{};
  return collect<Person>(std::string("SELECT ") + k_person_columns +
                             " FROM people WHERE school_id = ? ORDER BY id",
                         school_id, read_person);
}

std::expected<void, Error> SqliteStore::save_person(std::string_view school_id,
                                                    const Person& p) {
  auto s = prepare(
      std::string("INSERT INTO people (school_id, ") + k_person_columns +
      ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (school_id, id) DO "
      "UPDATE SET role = excluded.role, given_name = excluded.given_name, "
      "family_name = excluded.family_name, preferred_name = excluded.preferred_name, "
      "date_of_birth = excluded.date_of_birth, email = excluded.email, phone = excluded.phone, "
      "year_group = excluded.year_group, left_on = excluded.left_on, "
      "restricted = excluded.restricted, consent_known = excluded.consent_known, "
      "photo_consent = excluded.photo_consent");
  if (!s) return std::unexpected(s.error());
  s->bind(school_id).bind(p.id).bind(name_of(p.role)).bind(p.given_name).bind(p.family_name);
  s->bind(p.preferred_name).bind(p.date_of_birth).bind(p.email).bind(p.phone);
  s->bind(p.year_group).bind(p.left_on).bind(std::int64_t{p.restricted});
  s->bind(std::int64_t{p.consent_known}).bind(join_consent(p.photo_consent));
  auto done = s->step();
  if (!done) return fail(done.error().code, "person '" + p.id + "': " + done.error().message);
  return {};
}

std::expected<void, Error> SqliteStore::save_people(std::string_view school_id,
                                                    std::span<const Person> people,
                                                    const AuditEvent& event) {
  auto school = find_school(school_id);
  if (!school) return std::unexpected(school.error());
  if (!*school) return fail(ErrorCode::not_found, "no school '" + std::string(school_id) + "'");
  return in_transaction(m_db.get(), [&]() -> std::expected<void, Error> {
    for (const Person& p : people) {
      if (auto saved = save_person(school_id, p); !saved) return saved;
    }
    AuditEvent scoped = event;
    scoped.school_id = std::string(school_id);
    if (auto logged = append_locked(scoped); !logged) return std::unexpected(logged.error());
    return {};
  });
}

std::expected<std::vector<AuditEntry>, Error> SqliteStore::audit_entries(
    std::string_view school_id) {
  if (school_id.empty()) return std::vector<AuditEntry>{};
  return collect<AuditEntry>(std::string("SELECT ") + k_audit_columns +
                                 " FROM audit_log WHERE school_id = ? ORDER BY seq",
                             school_id, read_entry);
}

std::expected<AuditCheck, Error> SqliteStore::verify_audit() {
  auto all = collect<AuditEntry>(std::string("SELECT ") + k_audit_columns +
                                     " FROM audit_log ORDER BY seq",
                                 "", read_entry);
  if (!all) return std::unexpected(all.error());
  return verify_chain(*all);
}

std::expected<void, Error> SqliteStore::backup(const std::filesystem::path& path) {
  auto temp = path;
  temp += ".tmp";
  std::error_code ignored;
  std::filesystem::remove(temp, ignored);
  auto dest = open_file(temp);
  if (!dest) return std::unexpected(dest.error());
  // One step copies every page under a read transaction, so the copy is one moment's
  // state even while other connections write.
  sqlite3_backup* b = sqlite3_backup_init(dest->get(), "main", m_db.get(), "main");
  int rc = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
  if (b) sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    auto error = db_error(dest->get(), path.string() + ": backup failed");
    dest->reset();
    std::filesystem::remove(temp, ignored);
    return std::unexpected(Error{ErrorCode::io, error.message});
  }
  dest->reset();
  std::filesystem::rename(temp, path, ignored);
  if (ignored) return fail(ErrorCode::io, path.string() + ": cannot replace: " + ignored.message());
  return {};
}

}  // namespace

std::expected<std::unique_ptr<Store>, Error> open_sqlite_store(
    const std::filesystem::path& data_dir, std::shared_ptr<const Clock> clock) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) return fail(ErrorCode::io, data_dir.string() + ": cannot create: " + ec.message());
  auto file = data_dir / k_sqlite_file;
  auto db = open_file(file);
  if (!db) return std::unexpected(db.error());
  for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA foreign_keys = ON"}) {
    if (auto set = exec(db->get(), pragma); !set) {
      return fail(ErrorCode::io, file.string() + ": " + set.error().message);
    }
  }
  if (auto migrated = migrate(db->get(), file); !migrated) {
    return std::unexpected(migrated.error());
  }
  return std::make_unique<SqliteStore>(std::move(*db), std::move(clock));
}

}  // namespace smpolicy::store
