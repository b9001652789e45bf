// store (tests only): the back ends every store test runs against, and their command-line
// clients (sqlite3, psql), used the way an administrator or an attacker with shell access
// would use them.
//
// A parameterised test derives from BackendTest and is instantiated with
// SMPOLICY_STORE_BACKENDS(Suite): once on SQLite in a temporary directory, once on
// PostgreSQL in a fresh database made through the admin URL in SMPOLICY_TEST_POSTGRES_URL
// (skipped, saying so, when that is not set).
#pragma once

#include <gtest/gtest.h>

#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <random>
#include <string>

#include "store/store.hpp"

namespace smpolicy::store::testing {

inline constexpr const char* k_time = "2026-03-03T10:15:00+00:00";

// A fresh directory, removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "smpolicy-store-XXXXXX").string();
    m_path = ::mkdtemp(pattern.data()) ? pattern : "";
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path db() const { return m_path / k_sqlite_file; }

 private:
  std::filesystem::path m_path;
};

inline bool have_command(const std::string& name) {
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

// Runs `command` in a shell; its stdout, or nullopt when it failed.
inline std::optional<std::string> run(const std::string& command) {
  FILE* pipe = ::popen((command + " 2>/dev/null").c_str(), "r");
  if (!pipe) return std::nullopt;
  std::string out;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
  if (::pclose(pipe) != 0) return std::nullopt;
  return out;
}

inline bool have_sqlite3_cli() { return have_command("sqlite3"); }

// Runs `sql` (no double quotes in it) on the database file with the sqlite3 CLI.
inline std::optional<std::string> sqlite3_cli(const std::filesystem::path& db, const std::string& sql) {
  return run("sqlite3 '" + db.string() + "' \"" + sql + "\"");
}

// Runs `sql` (no double quotes in it) with psql on `url`: rows unaligned, no headers.
inline std::optional<std::string> psql(const std::string& url, const std::string& sql) {
  return run("psql -X -q -t -A -v ON_ERROR_STOP=1 -d '" + url + "' -c \"" + sql + "\"");
}

// `url` naming database `name` instead of its own.
inline std::string with_database(const std::string& url, const std::string& name) {
  auto host = url.find("://");
  auto slash = url.find('/', host == std::string::npos ? 0 : host + 3);
  auto query = url.find('?');
  std::string base = url.substr(0, slash == std::string::npos ? query : slash);
  return base + "/" + name + (query == std::string::npos ? "" : url.substr(query));
}

enum class BackendKind { sqlite, postgres };

// How gtest (and ctest's test names) show a back end.
inline void PrintTo(BackendKind kind, std::ostream* os) {
  *os << (kind == BackendKind::sqlite ? "sqlite" : "postgres");
}

// One fresh, empty database of one back end, removed at the end of the test.
class Backend {
 public:
  explicit Backend(BackendKind kind) : m_kind(kind) {
    if (kind == BackendKind::sqlite) {
      m_database = m_dir.path().string();
      return;
    }
    const char* admin = std::getenv("SMPOLICY_TEST_POSTGRES_URL");
    if (!admin || !*admin) {
      m_why = "SMPOLICY_TEST_POSTGRES_URL is not set (scripts/pg-test-server.sh start)";
      return;
    }
    m_admin = admin;
    m_name = "t_" + std::to_string(std::random_device{}()) + std::to_string(::getpid());
    if (!psql(m_admin, "CREATE DATABASE " + m_name)) {
      m_why = "cannot create a database through SMPOLICY_TEST_POSTGRES_URL";
      m_name.clear();
      return;
    }
    m_database = with_database(m_admin, m_name);
  }
  ~Backend() {
    if (!m_name.empty()) psql(m_admin, "DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
  }
  Backend(const Backend&) = delete;

  BackendKind kind() const { return m_kind; }
  bool available() const { return m_why.empty(); }
  const std::string& why() const { return m_why; }
  // What open_store takes: the data directory, or the database's URL.
  const std::string& database() const { return m_database; }

  // Another connection to the database each call.
  std::expected<std::unique_ptr<Store>, Error> try_open(std::string time = k_time) const {
    return open_store(m_database, fixed_clock(std::move(time)));
  }
  std::unique_ptr<Store> open(std::string time = k_time) const {
    auto store = try_open(std::move(time));
    EXPECT_TRUE(store) << store.error().message;
    return store ? std::move(*store) : nullptr;
  }

  bool have_cli() const { return have_command(m_kind == BackendKind::sqlite ? "sqlite3" : "psql"); }
  // Runs `sql` (no double quotes in it) with the back end's command-line client.
  std::optional<std::string> cli(const std::string& sql) const {
    if (m_kind == BackendKind::sqlite) return sqlite3_cli(m_dir.db(), sql);
    return psql(m_database, sql);
  }
  // SQL an attacker runs first, to make the audit log writable.
  std::string drop_audit_triggers() const {
    return m_kind == BackendKind::sqlite
               ? "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; "
               : "DROP TRIGGER audit_log_no_update ON audit_log; "
                 "DROP TRIGGER audit_log_no_delete ON audit_log; ";
  }

 private:
  BackendKind m_kind;
  TempDir m_dir;
  std::string m_admin, m_name, m_database, m_why;
};

// A test run once per back end; `backend` is fresh for each.
class BackendTest : public ::testing::TestWithParam<BackendKind> {
 protected:
  void SetUp() override {
    backend = std::make_unique<Backend>(GetParam());
    if (!backend->available()) GTEST_SKIP() << backend->why();
  }
  void TearDown() override { backend.reset(); }

  std::unique_ptr<Backend> backend;
};

// A BackendTest with the store open and one school, "School A", in it.
class OneSchoolTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    db = backend->open();
    ASSERT_TRUE(db);
    school = db->create_school({"School A", "salterlee-2017"}, "test")->id;
  }
  void TearDown() override {
    db.reset();
    BackendTest::TearDown();
  }
  // True when SetUp could not give the test its store.
  bool not_ready() const { return IsSkipped() || HasFatalFailure(); }

  std::unique_ptr<Store> db;
  std::string school;
};

inline std::string backend_name(const ::testing::TestParamInfo<BackendKind>& info) {
  return ::testing::PrintToString(info.param);
}

#define SMPOLICY_STORE_BACKENDS(suite)                                                           \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                                      \
                           ::testing::Values(::smpolicy::store::testing::BackendKind::sqlite,    \
                                             ::smpolicy::store::testing::BackendKind::postgres), \
                           ::smpolicy::store::testing::backend_name)

inline Person person(std::string id, std::string given, std::string family, Role role = Role::pupil) {
  Person p;
  p.id = std::move(id);
  p.role = role;
  p.given_name = std::move(given);
  p.family_name = std::move(family);
  return p;
}

}  // namespace smpolicy::store::testing
