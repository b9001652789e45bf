// store (tests only): a temporary data directory and the sqlite3 command-line tool, used
// the way an administrator or an attacker with shell access would use it.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

#include "store/store.hpp"

namespace smpolicy::store::testing {

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

inline bool have_sqlite3_cli() { return std::system("command -v sqlite3 >/dev/null 2>&1") == 0; }

// Runs `sql` on the database file with the sqlite3 CLI; returns its stdout, or nullopt
// when sqlite3 failed.
inline std::optional<std::string> sqlite3_cli(const std::filesystem::path& db,
                                              const std::string& sql) {
  std::string command = "sqlite3 '" + db.string() + "' \"" + sql + "\" 2>/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return std::nullopt;
  std::string out;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
  int status = ::pclose(pipe);
  if (status != 0) return std::nullopt;
  return out;
}

inline std::unique_ptr<Store> open_store(const TempDir& dir,
                                         std::string time = "2026-03-03T10:15:00+00:00") {
  auto store = open_sqlite_store(dir.path(), fixed_clock(std::move(time)));
  EXPECT_TRUE(store) << store.error().message;
  return store ? std::move(*store) : nullptr;
}

inline Person person(std::string id, std::string given, std::string family,
                     Role role = Role::pupil) {
  Person p;
  p.id = std::move(id);
  p.role = role;
  p.given_name = std::move(given);
  p.family_name = std::move(family);
  return p;
}

}  // namespace smpolicy::store::testing
