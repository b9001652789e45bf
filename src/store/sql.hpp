// store (private): one connection to a SQL database, whichever engine it is. The store's
// logic (sql_store.cpp) is written once against this interface; each back end is one
// adapter file, the only one that includes its library's headers (sqlite_connection.cpp,
// postgres_connection.cpp).
//
// SQL given to a Connection uses `?` for each parameter, in order; an adapter rewrites
// them for its engine. Statements and scripts keep to the SQL both engines share.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.hpp"
#include "store/store.hpp"

namespace smpolicy::store {

enum class Dialect { sqlite, postgres };

// One statement parameter: text, an integer or NULL. It owns a copy of its text, so a
// list of parameters never points at a string that has gone.
class Param {
 public:
  Param(std::string_view text) : m_text(std::string(text)) {}
  Param(const std::string& text) : m_text(text) {}
  Param(const char* text) : m_text(std::string(text)) {}
  Param(std::int64_t value) : m_text(std::to_string(value)), m_integer(true) {}
  Param(std::nullptr_t) {}

  bool is_null() const { return !m_text; }
  bool is_integer() const { return m_integer; }
  // The value as text ("42" for an integer); empty when NULL.
  const std::string& text() const {
    static const std::string empty;
    return m_text ? *m_text : empty;
  }

 private:
  std::optional<std::string> m_text;
  bool m_integer = false;
};

// Empty text as NULL: for optional references ("no trust") kept as NULL so a foreign key
// can check them.
inline Param null_if_empty(std::string_view text) { return text.empty() ? Param(nullptr) : Param(text); }

// One result row; every value is read as text, NULL as empty.
struct Row {
  std::vector<std::optional<std::string>> values;

  std::string text(std::size_t column) const;
  std::int64_t integer(std::size_t column) const;
  bool flag(std::size_t column) const { return integer(column) != 0; }
};
using Rows = std::vector<Row>;

// Failures: ErrorCode::invalid when a statement broke a constraint (or a value did not
// fit its column), ErrorCode::io when the database could not be used. Messages name the
// database (a file or a host) and never a password.
class Connection {
 public:
  virtual ~Connection() = default;

  virtual Dialect dialect() const = 0;
  // The database as messages name it: a file path, or "postgresql://host:port/name".
  virtual const std::string& name() const = 0;

  // Runs one statement with `params` bound to its `?`s and returns every row it yields.
  virtual std::expected<Rows, Error> query(std::string_view sql, std::span<const Param> params) = 0;
  // Runs several statements separated by ';', with no parameters (migrations).
  virtual std::expected<void, Error> exec_script(std::string_view sql) = 0;

  // A write transaction that excludes every other writer of the database until commit
  // or rollback, so the audit chain has one end at a time (SQLite: BEGIN IMMEDIATE;
  // PostgreSQL: a transaction-scoped advisory lock).
  virtual std::expected<void, Error> begin() = 0;
  virtual std::expected<void, Error> commit() = 0;
  virtual void rollback() = 0;

  // A consistent copy of the whole database at `path`, through a temporary file beside it.
  virtual std::expected<void, Error> backup(const std::filesystem::path& path) = 0;

  // Convenience for a literal parameter list.
  std::expected<Rows, Error> query(std::string_view sql, std::initializer_list<Param> params) {
    return query(sql, std::span<const Param>(params.begin(), params.size()));
  }
};

// Runs `work` between begin() and commit(); any failure rolls everything back.
std::expected<void, Error> in_transaction(Connection& db,
                                          const std::function<std::expected<void, Error>()>& work);

// Brings the schema up to date (schema.hpp), in one transaction. ErrorCode::unsupported
// when the database's schema is newer than this binary knows.
std::expected<void, Error> migrate(Connection& db);

// `sql` with each `?` outside quotes replaced by $1, $2 ... (PostgreSQL's placeholders).
std::string numbered_placeholders(std::string_view sql);

// The adapters. open_sqlite_connection creates the file when absent.
std::expected<std::unique_ptr<Connection>, Error> open_sqlite_connection(const std::filesystem::path& file);
std::expected<std::unique_ptr<Connection>, Error> open_postgres_connection(std::string_view url);

// A store over `db` (already migrated): the one implementation of Store.
std::unique_ptr<Store> make_sql_store(std::unique_ptr<Connection> db, std::shared_ptr<const Clock> clock);

}  // namespace smpolicy::store
