// The SQLite adapter: the only file that includes sqlite3.h. One connection per Store,
// WAL so readers never wait for the writer, foreign keys on, a busy timeout so two
// processes sharing the file take turns instead of failing, and each statement prepared
// once and kept.
#include <sqlite3.h>

#include <map>

#include "store/sql.hpp"

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

// A cached statement borrowed for one use: reset and unbound when done, so the next use
// starts clean even after a failure.
class Borrowed {
 public:
  explicit Borrowed(sqlite3_stmt* s) : m_s(s) {}
  Borrowed(const Borrowed&) = delete;
  ~Borrowed() {
    sqlite3_reset(m_s);
    sqlite3_clear_bindings(m_s);
  }
  void bind(int index, const Param& p) {
    if (p.is_null()) {
      sqlite3_bind_null(m_s, index);
    } else if (p.is_integer()) {
      sqlite3_bind_int64(m_s, index, std::stoll(p.text()));
    } else {
      sqlite3_bind_text(m_s, index, p.text().data(), static_cast<int>(p.text().size()), SQLITE_TRANSIENT);
    }
  }
  Row row() const {
    Row row;
    int columns = sqlite3_column_count(m_s);
    for (int c = 0; c < columns; ++c) {
      auto text = reinterpret_cast<const char*>(sqlite3_column_text(m_s, c));
      if (!text) {
        row.values.emplace_back();
      } else {
        row.values.emplace_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(m_s, c))));
      }
    }
    return row;
  }

 private:
  sqlite3_stmt* m_s;
};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(Db db, std::string name) : m_db(std::move(db)), m_name(std::move(name)) {}

  Dialect dialect() const override { return Dialect::sqlite; }
  const std::string& name() const override { return m_name; }
  std::expected<Rows, Error> query(std::string_view sql, std::span<const Param> params) override;
  std::expected<void, Error> exec_script(std::string_view sql) override;
  std::expected<void, Error> begin() override { return exec_script("BEGIN IMMEDIATE"); }
  std::expected<void, Error> commit() override { return exec_script("COMMIT"); }
  void rollback() override { (void)exec_script("ROLLBACK"); }
  std::expected<void, Error> backup(const std::filesystem::path& path) override;

 private:
  std::expected<sqlite3_stmt*, Error> prepare(std::string_view sql);

  // Declared before the cache so the statements are finalised before the connection
  // closes.
  Db m_db;
  std::string m_name;
  std::map<std::string, StatementHandle, std::less<>> m_statements;
};

std::expected<sqlite3_stmt*, Error> SqliteConnection::prepare(std::string_view sql) {
  if (auto it = m_statements.find(sql); it != m_statements.end()) return it->second.get();
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v3(m_db.get(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &raw, nullptr) != SQLITE_OK) {
    return std::unexpected(db_error(m_db.get(), m_name + ": prepare " + std::string(sql)));
  }
  m_statements.emplace(std::string(sql), StatementHandle(raw));
  return raw;
}

std::expected<Rows, Error> SqliteConnection::query(std::string_view sql, std::span<const Param> params) {
  auto prepared = prepare(sql);
  if (!prepared) return std::unexpected(prepared.error());
  Borrowed s(*prepared);
  for (std::size_t i = 0; i < params.size(); ++i) s.bind(static_cast<int>(i + 1), params[i]);
  Rows rows;
  for (;;) {
    int rc = sqlite3_step(*prepared);
    if (rc == SQLITE_DONE) return rows;
    if (rc != SQLITE_ROW) return std::unexpected(db_error(m_db.get(), m_name));
    rows.push_back(s.row());
  }
}

std::expected<void, Error> SqliteConnection::exec_script(std::string_view sql) {
  char* message = nullptr;
  std::string text(sql);
  if (sqlite3_exec(m_db.get(), text.c_str(), nullptr, nullptr, &message) == SQLITE_OK) return {};
  Error error = db_error(m_db.get(), m_name);
  if (message) error.message = m_name + ": " + message;
  sqlite3_free(message);
  return std::unexpected(error);
}

std::expected<Db, Error> open_file(const std::filesystem::path& file) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) {
    return fail(ErrorCode::io,
                file.string() + ": cannot open: " + (raw ? sqlite3_errmsg(raw) : "out of memory"));
  }
  sqlite3_busy_timeout(db.get(), k_busy_timeout_ms);
  return db;
}

std::expected<void, Error> SqliteConnection::backup(const std::filesystem::path& path) {
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

std::expected<std::unique_ptr<Connection>, Error> open_sqlite_connection(const std::filesystem::path& file) {
  auto db = open_file(file);
  if (!db) return std::unexpected(db.error());
  auto connection = std::make_unique<SqliteConnection>(std::move(*db), file.string());
  for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA foreign_keys = ON"}) {
    if (auto set = connection->exec_script(pragma); !set) {
      return fail(ErrorCode::io, set.error().message);
    }
  }
  return connection;
}

}  // namespace smpolicy::store
