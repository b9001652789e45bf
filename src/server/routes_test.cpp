// Walks every route of the table as every role, in the user's own school and in another,
// and checks the answer: the table is the one place access is decided, so this is the
// test that a staff member of school A never reads anything of school B.
#include <gtest/gtest.h>

#include "server/test_app.hpp"

namespace smpolicy::server {
namespace {

using testing::TestApp;

// A concrete path for a pattern: {id} and {person} get values that exist in school A.
std::string path_of(std::string_view pattern) {
  std::string p(pattern);
  for (auto [name, value] : {std::pair{"{id}", "1"}, {"{person}", "pupil:1"}, {"{file}", "app.css"}}) {
    if (auto at = p.find(name); at != std::string::npos) p.replace(at, std::string_view(name).size(), value);
  }
  return p;
}

Response call(TestApp& t, const RouteInfo& route, const TestApp::Session* as, const std::string& school) {
  std::map<std::string, std::string, std::less<>> query;
  if (!school.empty()) query["school"] = school;
  std::string path = path_of(route.pattern);
  if (route.method == "GET") return t.get(path, as, query);
  if (route.page) return t.post_form(path, *as, {}, query);
  return t.send(std::string(route.method), path, as, "", "application/json", query);
}

class Routes : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_app = new TestApp();
    for (auth::Role role : auth::all_roles()) s_sessions[role] = s_app->sign_in(std::string(auth::name_of(role)));
  }
  static void TearDownTestSuite() {
    delete s_app;
    s_sessions.clear();
  }
  static TestApp* s_app;
  static std::map<auth::Role, TestApp::Session> s_sessions;
};
TestApp* Routes::s_app = nullptr;
std::map<auth::Role, TestApp::Session> Routes::s_sessions;

TEST_F(Routes, EveryClosedRouteRefusesAStranger) {
  for (const RouteInfo& route : route_table()) {
    if (route.open) continue;
    Request q;
    q.method = std::string(route.method);
    q.path = path_of(route.pattern);
    q.headers["content-type"] = route.page ? "application/x-www-form-urlencoded" : "application/json";
    Response r = s_app->app().handle(q);
    if (route.page) {
      EXPECT_EQ(r.status, 303) << route.method << " " << route.pattern;
      EXPECT_TRUE(testing::header(r, "Location").starts_with("/login")) << route.pattern;
    } else {
      EXPECT_EQ(r.status, 401) << route.method << " " << route.pattern;
    }
  }
}

TEST_F(Routes, EveryRouteAnswersEachRoleInItsOwnSchoolAsTheTableSays) {
  int checked = 0;
  for (const RouteInfo& route : route_table()) {
    if (route.open) continue;
    bool ends_session = route.pattern == "/logout" || (route.pattern == "/api/session" && route.method == "DELETE");
    for (auth::Role role : auth::all_roles()) {
      // Signing out ends the session it is called with, so it gets one of its own.
      TestApp::Session session = ends_session ? s_app->sign_in(std::string(auth::name_of(role))) : s_sessions[role];
      Response r = call(*s_app, route, &session, route.school_scoped ? s_app->school_a : "");
      std::string what = std::string(route.method) + " " + std::string(route.pattern) + " as " + std::string(auth::name_of(role));
      if (route.roles.has(role)) {
        EXPECT_NE(r.status, 401) << what;
        EXPECT_NE(r.status, 403) << what << ": " << r.body;
        EXPECT_LT(r.status, 500) << what << ": " << r.body;
      } else {
        EXPECT_EQ(r.status, 403) << what;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 200);
}

TEST_F(Routes, NoRoleReadsOrWritesAnotherTrustsSchool) {
  for (const RouteInfo& route : route_table()) {
    if (route.open || !route.school_scoped) continue;
    for (auth::Role role : auth::all_roles()) {
      Response r = call(*s_app, route, &s_sessions[role], s_app->school_c);
      std::string what = std::string(route.method) + " " + std::string(route.pattern) + " as " + std::string(auth::name_of(role));
      EXPECT_EQ(r.status, 403) << what;
      EXPECT_EQ(r.body.find("Ollerenshaw"), std::string::npos) << what;
    }
  }
}

TEST_F(Routes, OnlyTheTrustAdministratorReachesTheTrustsOtherSchool) {
  for (const RouteInfo& route : route_table()) {
    if (route.open || !route.school_scoped) continue;
    for (auth::Role role : auth::all_roles()) {
      Response r = call(*s_app, route, &s_sessions[role], s_app->school_b);
      std::string what = std::string(route.method) + " " + std::string(route.pattern) + " as " + std::string(auth::name_of(role));
      if (role == auth::Role::trust_admin && route.roles.has(role)) {
        EXPECT_NE(r.status, 403) << what;
      } else {
        EXPECT_EQ(r.status, 403) << what;
        EXPECT_EQ(r.body.find("Quarrington"), std::string::npos) << what;
      }
    }
  }
}

TEST_F(Routes, AStaffMemberOfAnotherSchoolSeesNothingOfSchoolA) {
  auto b = s_app->sign_in("b-staff");
  for (const RouteInfo& route : route_table()) {
    if (route.open || !route.school_scoped) continue;
    Response r = call(*s_app, route, &b, s_app->school_a);
    EXPECT_EQ(r.status, 403) << route.method << " " << route.pattern;
    EXPECT_EQ(r.body.find("Bennett"), std::string::npos) << route.pattern;
  }
  // And without naming a school, the same user only ever gets school B.
  Response people = s_app->get("/api/consents", &b);
  EXPECT_EQ(people.status, 403);
  Response check = s_app->send("POST", "/api/check", &b, R"({"text":"Well done Oliver Bennett!"})");
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_EQ(check.body.find("pupil:1"), std::string::npos) << "school A's roster leaked into B's check";
}

TEST_F(Routes, WritesWithoutTheCsrfTokenAreRefused) {
  auto session = s_sessions[auth::Role::approver];
  session.csrf = "wrong";
  for (const RouteInfo& route : route_table()) {
    if (route.open || route.method == "GET" || !route.roles.has(auth::Role::approver)) continue;
    Response r = route.page ? s_app->post_form(path_of(route.pattern), session, {})
                            : s_app->send(std::string(route.method), path_of(route.pattern), &session, "{}");
    EXPECT_EQ(r.status, 403) << route.method << " " << route.pattern;
  }
}

}  // namespace
}  // namespace smpolicy::server
