// The PostgreSQL adapter: the only file that includes libpqxx. One connection per Store;
// each statement is prepared once on it; a write transaction takes an advisory lock that
// every smpolicy writer takes, so processes sharing the database append to one chain.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <pqxx/pqxx>

#include "store/sql.hpp"

extern char** environ;

namespace smpolicy::store {
namespace {

// Any number will do as long as every smpolicy process uses the same one: "smpolicy".
constexpr std::int64_t k_writer_lock = 0x736d706f6c696379;

// The parts of a postgresql:// URL that messages and pg_dump need.
struct Url {
  std::string redacted;  // for messages: no password, no query string
  std::string dump;      // for pg_dump: no password, the query string kept
  std::string password;  // percent-decoded; empty when none
};

std::string percent_decoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned byte = 0;
    if (text[i] == '%' && i + 2 < text.size() &&
        std::from_chars(text.data() + i + 1, text.data() + i + 3, byte, 16).ptr == text.data() + i + 3) {
      out.push_back(static_cast<char>(byte));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// The query string ("?sslmode=require&password=x") without any password, which goes to
// `password` instead.
std::string query_without_password(std::string_view query, std::string& password) {
  std::string kept;
  while (!query.empty()) {
    auto end = std::min(query.find('&'), query.size());
    std::string_view item = query.substr(0, end);
    if (item.starts_with("password=")) {
      password = percent_decoded(item.substr(9));
    } else if (!item.empty()) {
      kept += (kept.empty() ? "?" : "&") + std::string(item);
    }
    query.remove_prefix(std::min(end + 1, query.size()));
  }
  return kept;
}

Url parse_url(std::string_view url) {
  Url out;
  auto scheme_end = url.find("://");
  std::size_t start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  std::string_view rest = url.substr(start);
  auto question = std::min(rest.find('?'), rest.size());
  std::string_view query = rest.substr(std::min(question + 1, rest.size()));
  rest = rest.substr(0, question);
  auto at = rest.rfind('@', rest.find('/'));
  std::string userinfo;
  if (at != std::string_view::npos) {
    std::string_view info = rest.substr(0, at);
    auto colon = info.find(':');
    if (colon != std::string_view::npos) out.password = percent_decoded(info.substr(colon + 1));
    userinfo = std::string(info.substr(0, colon)) + "@";
    rest = rest.substr(at + 1);
  }
  out.redacted = std::string(url.substr(0, start)) + userinfo + std::string(rest);
  out.dump = out.redacted + query_without_password(query, out.password);
  return out;
}

// The first line of a server or libpq message, without any copy of the password.
std::string clean(std::string_view message, const std::string& password) {
  std::string line(message.substr(0, message.find('\n')));
  if (!password.empty()) {
    for (auto at = line.find(password); at != std::string::npos; at = line.find(password)) {
      line.replace(at, password.size(), "***");
    }
  }
  return line;
}

class PostgresConnection final : public Connection {
 public:
  PostgresConnection(std::unique_ptr<pqxx::connection> conn, Url url)
      : m_conn(std::move(conn)), m_url(std::move(url)) {}

  Dialect dialect() const override { return Dialect::postgres; }
  const std::string& name() const override { return m_url.redacted; }
  std::expected<Rows, Error> query(std::string_view sql, std::span<const Param> params) override;
  std::expected<void, Error> exec_script(std::string_view sql) override;
  std::expected<void, Error> begin() override;
  std::expected<void, Error> commit() override;
  void rollback() override;
  std::expected<void, Error> backup(const std::filesystem::path& path) override;

 private:
  // Runs `work` on the open transaction, or on its own outside one, turning the
  // library's exceptions into an Error.
  template <typename F>
  std::expected<pqxx::result, Error> run(F&& work);
  Error error_of(const std::exception& e) const;
  std::expected<std::string, Error> prepared(std::string_view sql);

  std::unique_ptr<pqxx::connection> m_conn;
  Url m_url;
  std::unique_ptr<pqxx::work> m_work;
  std::map<std::string, std::string, std::less<>> m_statements;  // SQL -> prepared name
};

// SQLSTATE class 22 (a value that does not fit, such as malformed JSON) and class 23 (a
// constraint) are bad input; anything else means the database could not be used.
Error PostgresConnection::error_of(const std::exception& e) const {
  auto* sql = dynamic_cast<const pqxx::sql_error*>(&e);
  bool bad_input = sql && (sql->sqlstate().starts_with("22") || sql->sqlstate().starts_with("23"));
  return Error{bad_input ? ErrorCode::invalid : ErrorCode::io,
               m_url.redacted + ": " + clean(e.what(), m_url.password)};
}

template <typename F>
std::expected<pqxx::result, Error> PostgresConnection::run(F&& work) {
  try {
    if (m_work) return work(*m_work);
    pqxx::nontransaction alone(*m_conn);
    return work(alone);
  } catch (const std::exception& e) {
    return std::unexpected(error_of(e));
  }
}

std::expected<std::string, Error> PostgresConnection::prepared(std::string_view sql) {
  if (auto it = m_statements.find(sql); it != m_statements.end()) return it->second;
  std::string name = "s" + std::to_string(m_statements.size() + 1);
  try {
    m_conn->prepare(name, numbered_placeholders(sql));
  } catch (const std::exception& e) {
    return std::unexpected(error_of(e));
  }
  m_statements.emplace(std::string(sql), name);
  return name;
}

std::expected<Rows, Error> PostgresConnection::query(std::string_view sql, std::span<const Param> params) {
  auto name = prepared(sql);
  if (!name) return std::unexpected(name.error());
  std::vector<const char*> values;
  for (const Param& p : params) values.push_back(p.is_null() ? nullptr : p.text().c_str());
  auto result = run([&](pqxx::transaction_base& t) {
    return t.exec_prepared(*name, pqxx::prepare::make_dynamic_params(values));
  });
  if (!result) return std::unexpected(result.error());
  Rows rows;
  rows.reserve(result->size());
  for (const auto& r : *result) {
    Row row;
    for (const auto& field : r) {
      if (field.is_null()) {
        row.values.emplace_back();
      } else {
        row.values.emplace_back(std::string(field.c_str(), field.size()));
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::expected<void, Error> PostgresConnection::exec_script(std::string_view sql) {
  auto done = run([&](pqxx::transaction_base& t) { return t.exec(std::string(sql)); });
  if (!done) return std::unexpected(done.error());
  return {};
}

std::expected<void, Error> PostgresConnection::begin() {
  try {
    m_work = std::make_unique<pqxx::work>(*m_conn);
    m_work->exec("SELECT pg_advisory_xact_lock(" + std::to_string(k_writer_lock) + ")");
    return {};
  } catch (const std::exception& e) {
    m_work.reset();
    return std::unexpected(error_of(e));
  }
}

std::expected<void, Error> PostgresConnection::commit() {
  auto work = std::move(m_work);
  try {
    if (work) work->commit();
    return {};
  } catch (const std::exception& e) {
    return std::unexpected(error_of(e));
  }
}

void PostgresConnection::rollback() {
  auto work = std::move(m_work);
  try {
    if (work) work->abort();
  } catch (const std::exception&) {
    // The connection is gone; the server rolls back on its own.
  }
}

// Runs pg_dump without a shell. The password travels in the environment, not argv,
// where any local user could read it.
std::expected<void, Error> run_pg_dump(const Url& url, const std::filesystem::path& out) {
  std::string file = "--file=" + out.string(), dbname = "--dbname=" + url.dump;
  std::vector<char*> argv = {const_cast<char*>("pg_dump"), const_cast<char*>("--no-password"), file.data(),
                             dbname.data(), nullptr};
  std::string password = "PGPASSWORD=" + url.password;
  std::vector<char*> env;
  for (char** e = environ; *e; ++e) {
    if (std::string_view(*e).starts_with("PGPASSWORD=")) continue;
    env.push_back(*e);
  }
  if (!url.password.empty()) env.push_back(password.data());
  env.push_back(nullptr);
  pid_t pid = 0;
  int spawned = posix_spawnp(&pid, "pg_dump", nullptr, nullptr, argv.data(), env.data());
  if (spawned == ENOENT) {
    return fail(ErrorCode::unsupported,
                "backup of PostgreSQL needs pg_dump, which is not installed (postgresql-client)");
  }
  if (spawned != 0) return fail(ErrorCode::io, "cannot run pg_dump: " + std::to_string(spawned));
  int status = 0;
  if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return fail(ErrorCode::io, url.redacted + ": pg_dump failed");
  }
  return {};
}

std::expected<void, Error> PostgresConnection::backup(const std::filesystem::path& path) {
  auto temp = path;
  temp += ".tmp";
  std::error_code ignored;
  std::filesystem::remove(temp, ignored);
  if (auto dumped = run_pg_dump(m_url, temp); !dumped) {
    std::filesystem::remove(temp, ignored);
    return dumped;
  }
  std::filesystem::rename(temp, path, ignored);
  if (ignored) return fail(ErrorCode::io, path.string() + ": cannot replace: " + ignored.message());
  return {};
}

}  // namespace

std::expected<std::unique_ptr<Connection>, Error> open_postgres_connection(std::string_view url) {
  Url parsed = parse_url(url);
  try {
    auto conn = std::make_unique<pqxx::connection>(std::string(url));
    return std::make_unique<PostgresConnection>(std::move(conn), std::move(parsed));
  } catch (const std::exception& e) {
    return fail(ErrorCode::io, parsed.redacted + ": cannot connect: " + clean(e.what(), parsed.password));
  }
}

}  // namespace smpolicy::store
