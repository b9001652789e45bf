// server (tests only): an App over a fresh SQLite store with two trusts and three schools,
// one user per role in school A, and requests made as any of them.
#pragma once

#include <gtest/gtest.h>
#include <map>

#include "auth/auth.hpp"
#include "server/server.hpp"
#include "store/test_support.hpp"

namespace smpolicy::server::testing {

using store::testing::TempDir;

inline constexpr std::string_view k_password = "a long test password";

// School A ("hillside", trust north) holds a roster with Oliver Bennett (pupil:1), Isla
// Marchbank (pupil:2, restricted) and staff Jenny Albright; school B ("brookfield", also
// trust north) and school C ("riverside", trust south) each hold one pupil of their own.
// Users: "<role>" for every role in school A (the trust_admin in trust north), "b-staff"
// in B and "c-staff" in C.
class TestApp {
 public:
  explicit TestApp(Options options = {});
  App& app() { return *m_app; }
  std::string school_a, school_b, school_c;

  struct Session {
    std::string cookie, csrf;
  };
  // Signs in through POST /api/session; fails the test when it cannot.
  Session sign_in(const std::string& username);

  Response get(const std::string& path, const Session* as = nullptr,
               std::map<std::string, std::string, std::less<>> query = {});
  // A write with the session's cookie and CSRF header; `type` is the Content-Type.
  Response send(const std::string& method, const std::string& path, const Session* as, std::string body,
                std::string type = "application/json", std::map<std::string, std::string, std::less<>> query = {});
  // A page form post (urlencoded), with the session's CSRF token added.
  Response post_form(const std::string& path, const Session& as, std::vector<std::pair<std::string, std::string>> fields,
                     std::map<std::string, std::string, std::less<>> query = {});

 private:
  TempDir m_dir;
  std::unique_ptr<App> m_app;
};

// The value of a response header, or "".
std::string header(const Response& r, std::string_view name);

}  // namespace smpolicy::server::testing
