// The test App shared by the server's tests (declared in test_app.hpp). It lives in a
// _test.cpp file so it is built into the test binary only.
#include "server/test_app.hpp"

#include "server/request_parts.hpp"
#include "store/store.hpp"

namespace smpolicy::server::testing {
namespace {

constexpr std::string_view k_roster_a =
    "id,role,given_name,family_name,preferred_name,date_of_birth,email,phone,year_group,left_on,restricted,photo_consent\n"
    "pupil:1,pupil,Oliver,Bennett,Ollie,2016-04-12,,,4,,false,print;website;social\n"
    "pupil:2,pupil,Isla,Marchbank,,2016-07-21,,,4,,true,none\n"
    "staff:ja,staff,Jenny,Albright,,,j.albright@hillside.sch.uk,,,,false,\n";

std::string import(store::Store& db, const std::string& school, std::string_view csv) {
  auto preview = store::preview_roster_import(db, school, csv, "test.csv");
  EXPECT_TRUE(preview) << preview.error().message;
  EXPECT_TRUE(store::commit_roster_import(db, school, *preview, "test"));
  return school;
}

}  // namespace

TestApp::TestApp(Options options) {
  options.database = m_dir.path().string();
  options.clock = store::fixed_clock("2026-03-03T10:15:00+00:00");
  {
    auto opened = store::open_store(options.database, options.clock);
    EXPECT_TRUE(opened) << opened.error().message;
    store::Store& db = **opened;
    auto north = db.create_trust("North Trust", "test");
    auto south = db.create_trust("South Trust", "test");
    EXPECT_TRUE(north && south);
    school_a = db.create_school({"Hillside", "salterlee-2017", R"({"names":["Hillside Primary"]})", north->id}, "test")->id;
    school_b = db.create_school({"Brookfield", "polymat-2023", "{}", north->id}, "test")->id;
    school_c = db.create_school({"Riverside", "willow-lane-2021", "{}", south->id}, "test")->id;
    import(db, school_a, k_roster_a);
    import(db, school_b, "id,role,given_name,family_name\npupil:9,pupil,Zebedee,Quarrington\n");
    import(db, school_c, "id,role,given_name,family_name\npupil:8,pupil,Persephone,Ollerenshaw\n");
    for (auth::Role role : auth::all_roles()) {
      store::User u;
      u.username = std::string(auth::name_of(role));
      u.roles = {u.username};
      bool trust = role == auth::Role::trust_admin;
      u.school_id = trust ? "" : school_a;
      u.trust_id = north->id;
      u.person_id = role == auth::Role::staff ? "staff:ja" : "";
      EXPECT_TRUE(auth::create_user(db, u, k_password, "test", crypto::PasswordCost::minimum));
    }
    for (auto [name, school] : {std::pair{"b-staff", school_b}, {"c-staff", school_c}}) {
      store::User u;
      u.username = name;
      u.roles = {"staff"};
      u.school_id = school;
      EXPECT_TRUE(auth::create_user(db, u, k_password, "test", crypto::PasswordCost::minimum));
    }
  }
  auto app = App::open(options);
  EXPECT_TRUE(app) << app.error().message;
  if (app) m_app = std::move(*app);
}

TestApp::Session TestApp::sign_in(const std::string& username) {
  Response r = send("POST", "/api/session", nullptr,
                    R"({"username":")" + username + R"(","password":")" + std::string(k_password) + "\"}");
  EXPECT_EQ(r.status, 200) << username << ": " << r.body;
  std::string cookie = header(r, "Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  auto at = r.body.find("\"csrf_token\":\"");
  std::string csrf = at == std::string::npos ? "" : r.body.substr(at + 14, r.body.find('"', at + 14) - at - 14);
  return {cookie, csrf};
}

Response TestApp::get(const std::string& path, const Session* as, std::map<std::string, std::string, std::less<>> query) {
  Request q;
  q.method = "GET";
  q.path = path;
  q.query = std::move(query);
  q.remote_address = "127.0.0.1";
  if (as) q.headers["cookie"] = as->cookie;
  return m_app->handle(q);
}

Response TestApp::send(const std::string& method, const std::string& path, const Session* as, std::string body,
                       std::string type, std::map<std::string, std::string, std::less<>> query) {
  Request q;
  q.method = method;
  q.path = path;
  q.query = std::move(query);
  q.body = std::move(body);
  q.remote_address = "127.0.0.1";
  q.headers["content-type"] = std::move(type);
  if (as) {
    q.headers["cookie"] = as->cookie;
    q.headers["x-csrf-token"] = as->csrf;
  }
  return m_app->handle(q);
}

Response TestApp::post_form(const std::string& path, const Session& as, std::vector<std::pair<std::string, std::string>> fields,
                            std::map<std::string, std::string, std::less<>> query) {
  fields.emplace_back("csrf", as.csrf);
  std::string body;
  for (const auto& [k, v] : fields) body += (body.empty() ? "" : "&") + url_encode(k) + "=" + url_encode(v);
  Request q;
  q.method = "POST";
  q.path = path;
  q.query = std::move(query);
  q.body = std::move(body);
  q.remote_address = "127.0.0.1";
  q.headers["content-type"] = "application/x-www-form-urlencoded";
  q.headers["cookie"] = as.cookie;
  return m_app->handle(q);
}

std::string header(const Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

}  // namespace smpolicy::server::testing
