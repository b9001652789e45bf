// Opening a store: a connection to the back end, migrated, behind the one SqlStore.
#include "store/sql.hpp"
#include "store/store.hpp"

namespace smpolicy::store {
namespace {

std::expected<std::unique_ptr<Store>, Error> open_migrated(
    std::expected<std::unique_ptr<Connection>, Error> db, std::shared_ptr<const Clock> clock) {
  if (!db) return std::unexpected(db.error());
  if (auto migrated = migrate(**db); !migrated) return std::unexpected(migrated.error());
  return make_sql_store(std::move(*db), std::move(clock));
}

}  // namespace

std::expected<std::unique_ptr<Store>, Error> open_sqlite_store(const std::filesystem::path& data_dir,
                                                               std::shared_ptr<const Clock> clock) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) return fail(ErrorCode::io, data_dir.string() + ": cannot create: " + ec.message());
  return open_migrated(open_sqlite_connection(data_dir / k_sqlite_file), std::move(clock));
}

std::expected<std::unique_ptr<Store>, Error> open_postgres_store(std::string_view url,
                                                                 std::shared_ptr<const Clock> clock) {
  return open_migrated(open_postgres_connection(url), std::move(clock));
}

std::expected<std::unique_ptr<Store>, Error> open_store(std::string_view database,
                                                        std::shared_ptr<const Clock> clock) {
  if (database.starts_with("postgres://") || database.starts_with("postgresql://")) {
    return open_postgres_store(database, std::move(clock));
  }
  return open_sqlite_store(std::filesystem::path(database), std::move(clock));
}

}  // namespace smpolicy::store
