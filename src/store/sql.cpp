// What every back end shares: reading rows, transactions, placeholders and migrations.
#include <charconv>

#include "store/schema.hpp"
#include "store/sql.hpp"

namespace smpolicy::store {

std::string Row::text(std::size_t column) const {
  const auto& value = values.at(column);
  return value ? *value : std::string();
}

std::int64_t Row::integer(std::size_t column) const {
  std::string value = text(column);
  std::int64_t n = 0;
  std::from_chars(value.data(), value.data() + value.size(), n);
  return n;
}

std::expected<void, Error> in_transaction(Connection& db,
                                          const std::function<std::expected<void, Error>()>& work) {
  if (auto begun = db.begin(); !begun) return begun;
  auto done = work();
  if (done) done = db.commit();
  if (!done) db.rollback();
  return done;
}

std::string numbered_placeholders(std::string_view sql) {
  std::string out;
  int n = 0;
  bool quoted = false;
  for (char c : sql) {
    if (c == '\'') quoted = !quoted;
    if (c == '?' && !quoted) {
      out += "$" + std::to_string(++n);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

namespace {

std::expected<std::size_t, Error> schema_version(Connection& db) {
  auto made = db.exec_script("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  if (!made) return std::unexpected(made.error());
  auto rows = db.query("SELECT coalesce(max(version), 0) FROM schema_version", {});
  if (!rows) return std::unexpected(rows.error());
  return static_cast<std::size_t>(rows->front().integer(0));
}

}  // namespace

std::expected<void, Error> migrate(Connection& db) {
  auto migrations = schema_migrations(db.dialect());
  return in_transaction(db, [&]() -> std::expected<void, Error> {
    auto version = schema_version(db);
    if (!version) return std::unexpected(version.error());
    if (*version > migrations.size()) {
      return fail(ErrorCode::unsupported, db.name() + ": schema version " + std::to_string(*version) +
                                              " is newer than this smpolicy knows (" +
                                              std::to_string(migrations.size()) + "); use a newer smpolicy");
    }
    for (std::size_t v = *version + 1; v <= migrations.size(); ++v) {
      auto applied = db.exec_script(std::string(migrations[v - 1]) +
                                    ";\nINSERT INTO schema_version VALUES (" + std::to_string(v) + ")");
      if (!applied) {
        return fail(ErrorCode::io,
                    db.name() + ": migration " + std::to_string(v) + ": " + applied.error().message);
      }
    }
    return {};
  });
}

}  // namespace smpolicy::store
