#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "server/test_app.hpp"

namespace smpolicy::server {
namespace {

using testing::header;
using testing::TestApp;

bool has(const std::string& body, std::string_view text) { return body.find(text) != std::string::npos; }

TEST(Api, CheckWithoutASessionIsUnauthorised) {
  TestApp t;
  Response r = t.send("POST", "/api/check", nullptr, R"({"text":"hello"})");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_TRUE(has(r.body, "sign in")) << r.body;
}

TEST(Api, CheckAnswersTheVerdictWithFindingsInTheText) {
  TestApp t;
  auto staff = t.sign_in("staff");
  Response r = t.send("POST", "/api/check", &staff, R"({"text":"So proud of Ollie Bennett in Year 4 today!"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(has(r.body, R"("policy":"salterlee-2017")")) << r.body;
  EXPECT_TRUE(has(r.body, R"("outcome":"breach")") || has(r.body, R"("outcome":"needs_permission")")) << r.body;
  EXPECT_TRUE(has(r.body, "pupil:1")) << r.body;
  EXPECT_TRUE(has(r.body, R"("clauses":[")")) << r.body;
}

// Checks at once while the Headteacher changes the school's settings: each check builds or
// shares a compiled school that a newer revision replaces, and each verdict must still be
// whole when it is written out (a verdict points into its school's pack).
TEST(Api, ChecksAtOnceWhileTheSchoolChangesEachGetAWholeVerdict) {
  TestApp t;
  auto head = t.sign_in("approver");
  auto staff = t.sign_in("staff");
  constexpr int k_checkers = 6, k_rounds = 8;
  std::atomic<int> whole = 0;
  std::vector<std::thread> threads;
  for (int c = 0; c < k_checkers; ++c) {
    threads.emplace_back([&] {
      for (int i = 0; i < k_rounds; ++i) {
        Response r = t.send("POST", "/api/check", &staff, R"({"text":"So proud of Ollie Bennett in Year 4 today!"})");
        if (r.status == 200 && has(r.body, R"("policy":"salterlee-2017")") && has(r.body, "pupil:1")) ++whole;
      }
    });
  }
  threads.emplace_back([&] {
    for (int i = 0; i < k_rounds; ++i) {
      std::string names = R"({"names":["Hillside )" + std::to_string(i) + R"("]})";
      EXPECT_EQ(t.send("PUT", "/api/school", &head, names).status, 200);
    }
  });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(whole, k_checkers * k_rounds);
}

TEST(Api, TheSchoolsSettingsChangeWhatItsChecksFindAndAreAudited) {
  TestApp t;
  auto head = t.sign_in("approver");
  auto staff = t.sign_in("staff");
  const std::string post = R"({"text":"Great sports day at Brookfield Juniors"})";
  EXPECT_FALSE(has(t.send("POST", "/api/check", &staff, post).body, R"("kind":"school.name")"));
  ASSERT_EQ(t.send("PUT", "/api/school", &head, R"({"email_domains":["brookfield.sch.uk"]})").status, 200);
  Response put = t.send("PUT", "/api/school", &head, R"({"names":["Brookfield Juniors"],"terms":["2026-09-03/2026-10-23"]})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_TRUE(has(put.body, R"("terms":["2026-09-03/2026-10-23"])")) << put.body;
  EXPECT_TRUE(has(put.body, R"("email_domains":["brookfield.sch.uk"])")) << "a member left out keeps its value: " << put.body;
  EXPECT_TRUE(has(t.get("/api/school", &head).body, "Brookfield Juniors"));
  EXPECT_TRUE(has(t.send("POST", "/api/check", &staff, post).body, R"("kind":"school.name")")) << "the matcher was not rebuilt";
  EXPECT_TRUE(has(t.get("/api/audit", &head).body, "Brookfield Juniors"));
}

TEST(Api, TheSchoolsSettingsRefuseABadTermAndAPackThatIsNotBundled) {
  TestApp t;
  auto head = t.sign_in("approver");
  Response term = t.send("PUT", "/api/school", &head, R"({"terms":["2026-09-03/2026-10-23","2026-12-18/2026-11-02"]})");
  EXPECT_EQ(term.status, 400);
  EXPECT_TRUE(has(term.body, R"("field":"terms")")) << term.body;
  EXPECT_TRUE(has(term.body, "item 2")) << term.body;
  Response path = t.send("PUT", "/api/school", &head, R"({"pack":"/etc/passwd"})");
  EXPECT_EQ(path.status, 400);
  EXPECT_TRUE(has(path.body, R"("field":"pack")")) << path.body;
  Response kept = t.get("/api/school", &head);
  EXPECT_TRUE(has(kept.body, R"("pack":"salterlee-2017")")) << kept.body;
  EXPECT_TRUE(has(kept.body, R"("terms":[])")) << "nothing was half-written: " << kept.body;
}

TEST(Api, CheckTakesAWholePostEventAndRefusesOtherKinds) {
  TestApp t;
  auto staff = t.sign_in("staff");
  Response post = t.send("POST", "/api/check", &staff,
                         R"({"kind":"post","account":"personal","audience":"friends","text":"Lovely walk today"})");
  EXPECT_EQ(post.status, 200) << post.body;
  Response contact = t.send("POST", "/api/check", &staff, R"({"kind":"contact","action":"accept","counterpart":{"role":"pupil"}})");
  EXPECT_EQ(contact.status, 400);
  EXPECT_TRUE(has(contact.body, R"("field":"kind")")) << contact.body;
}

TEST(Api, BadJsonIsNamedByPositionAndAWrongTypeByField) {
  TestApp t;
  auto staff = t.sign_in("staff");
  Response broken = t.send("POST", "/api/check", &staff, R"({"text": "unfinished)");
  EXPECT_EQ(broken.status, 400);
  EXPECT_TRUE(has(broken.body, "invalid JSON")) << broken.body;
  EXPECT_TRUE(has(broken.body, "1:")) << broken.body;
  Response typed = t.send("POST", "/api/contact", &staff, R"({"action":"accept","counterpart":{"role":"pupil","age":"twelve"}})");
  EXPECT_EQ(typed.status, 400);
  EXPECT_TRUE(has(typed.body, R"("field":"counterpart.age")")) << typed.body;
}

TEST(Api, OversizedBodiesAndWrongTypesAreRefused) {
  TestApp t;
  auto staff = t.sign_in("staff");
  Response big = t.send("POST", "/api/check", &staff, R"({"text":")" + std::string(2 << 20, 'a') + "\"}");
  EXPECT_EQ(big.status, 413);
  Response form = t.send("POST", "/api/check", &staff, "text=hello", "application/x-www-form-urlencoded");
  EXPECT_EQ(form.status, 415);
}

TEST(Api, ContactAnswersWhatToDo) {
  TestApp t;
  auto staff = t.sign_in("staff");
  Response r = t.send("POST", "/api/contact", &staff,
                      R"({"action":"friend_request_received","platform":"facebook","counterpart":{"role":"pupil","age":10,"school":"this"}})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(has(r.body, R"("outcome":"advise")")) << r.body;
  EXPECT_TRUE(has(r.body, R"("action":"decline")")) << r.body;
  EXPECT_TRUE(has(r.body, R"("clauses":["5.12")")) << r.body;
}

TEST(Api, SignInFailuresReadAlikeAndAreThrottled) {
  TestApp t;
  Response unknown = t.send("POST", "/api/session", nullptr, R"({"username":"nobody","password":"whatever123"})");
  Response wrong = t.send("POST", "/api/session", nullptr, R"({"username":"staff","password":"whatever123"})");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.body, wrong.body);
  for (int i = 0; i < 4; ++i) t.send("POST", "/api/session", nullptr, R"({"username":"staff","password":"whatever123"})");
  Response locked = t.send("POST", "/api/session", nullptr, R"({"username":"staff","password":")" +
                                                                 std::string(testing::k_password) + "\"}");
  EXPECT_EQ(locked.status, 429) << locked.body;
}

TEST(Api, TheSessionCookieIsHttpOnlyAndStrictAndSignOutEndsIt) {
  TestApp t;
  Response r = t.send("POST", "/api/session", nullptr,
                      R"({"username":"staff","password":")" + std::string(testing::k_password) + "\"}");
  std::string cookie = header(r, "Set-Cookie");
  EXPECT_TRUE(has(cookie, "HttpOnly")) << cookie;
  EXPECT_TRUE(has(cookie, "SameSite=Strict")) << cookie;
  EXPECT_FALSE(has(cookie, "Secure")) << "not under TLS";
  auto staff = t.sign_in("staff");
  EXPECT_EQ(t.get("/api/session", &staff).status, 200);
  EXPECT_EQ(t.send("DELETE", "/api/session", &staff, "").status, 200);
  EXPECT_EQ(t.get("/api/session", &staff).status, 401);
}

TEST(Api, EveryAnswerCarriesTheSecurityHeaders) {
  TestApp t;
  for (const Response& r : {t.get("/login"), t.get("/api/session"), t.get("/nowhere")}) {
    std::string csp = header(r, "Content-Security-Policy");
    EXPECT_TRUE(has(csp, "script-src 'self'")) << csp;
    EXPECT_FALSE(has(csp, "unsafe-inline")) << csp;
    EXPECT_TRUE(has(csp, "frame-ancestors 'none'")) << csp;
    EXPECT_EQ(header(r, "X-Content-Type-Options"), "nosniff");
  }
}

TEST(Api, ARestrictedPupilTakenOffTheListChangesTheVerdictAtOnce) {
  TestApp t;
  auto office = t.sign_in("publisher");
  auto head = t.sign_in("approver");
  std::string post = R"({"kind":"post","account":"official","platform":"facebook","audience":"public",)"
                     R"("text":"Our spelling bee winners!","images":[{"path":"bee.jpg","people":["pupil:2"]}]})";
  Response before = t.send("POST", "/api/check", &office, post);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_TRUE(has(before.body, R"("outcome":"breach")")) << before.body;
  Response changed = t.send("PUT", "/api/consents/pupil:2", &office, R"({"channels":["print","website","social"],"restricted":false})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_TRUE(has(changed.body, R"("restricted":false)")) << changed.body;
  Response after = t.send("POST", "/api/check", &office, post);
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_FALSE(has(after.body, R"("outcome":"breach")")) << after.body;
  Response audit = t.get("/api/audit", &head);
  EXPECT_TRUE(has(audit.body, "pupil:2")) << audit.body;
  Response bad = t.send("PUT", "/api/consents/pupil:2", &office, R"({"channels":["billboard"]})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(has(bad.body, R"("field":"channels")")) << bad.body;
}

TEST(Api, TheChainCheckGivesItsHeadAndChecksANotedOne) {
  TestApp t;
  auto head = t.sign_in("approver");
  Response first = t.get("/api/audit/verify", &head);
  ASSERT_EQ(first.status, 200) << first.body;
  auto at = first.body.find(R"("head":")");
  ASSERT_NE(at, std::string::npos) << first.body;
  std::string noted = first.body.substr(at + 8, first.body.find('"', at + 8) - at - 8);
  EXPECT_NE(noted.find(':'), std::string::npos) << noted;
  Response again = t.get("/api/audit/verify", &head, {{"head", noted}});
  EXPECT_TRUE(has(again.body, R"("intact":true)")) << again.body;
  std::string other = noted.substr(0, noted.find(':') + 1) + std::string(64, '0');
  Response rebuilt = t.get("/api/audit/verify", &head, {{"head", other}});
  EXPECT_TRUE(has(rebuilt.body, R"("intact":false)")) << rebuilt.body;
  EXPECT_TRUE(has(rebuilt.body, "chain rebuilt")) << rebuilt.body;
  Response bad = t.get("/api/audit/verify", &head, {{"head", "yesterday"}});
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_TRUE(has(bad.body, "SEQ:HASH")) << bad.body;
}

TEST(Api, ARosterWithABadRowImportsNothingAndNamesTheRow) {
  TestApp t;
  auto head = t.sign_in("approver");
  std::string csv = "id,role,given_name,family_name\npupil:5,pupil,Amara,Nwachukwu\npupil:6,wizard,Theo,Castellan\n";
  Response r = t.send("POST", "/api/people/import", &head, csv, "text/csv", {{"commit", "true"}, {"name", "new.csv"}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_TRUE(has(r.body, "new.csv:3:")) << r.body;
  EXPECT_TRUE(has(r.body, R"("committed":false)")) << r.body;
  EXPECT_FALSE(has(t.get("/api/people", &head).body, "Nwachukwu"));
  Response good = t.send("POST", "/api/people/import", &head, "id,role,given_name,family_name\npupil:5,pupil,Amara,Nwachukwu\n",
                         "text/csv", {{"commit", "true"}});
  EXPECT_EQ(good.status, 200) << good.body;
  EXPECT_TRUE(has(t.get("/api/people", &head).body, "Nwachukwu"));
}

TEST(Api, StaffSeeTheirOwnDeclarationsAndLeadersSeeAll) {
  TestApp t;
  auto staff = t.sign_in("staff");
  auto it = t.sign_in("it");
  auto head = t.sign_in("approver");
  EXPECT_EQ(t.send("POST", "/api/declarations", &staff, R"({"kind":"staff_parent","about":"pupil:1","details":"my nephew"})").status, 201);
  EXPECT_EQ(t.send("POST", "/api/declarations", &it, R"({"kind":"employment_reference","about":"LinkedIn"})").status, 201);
  EXPECT_EQ(t.send("POST", "/api/declarations", &it, R"({"kind":"grudge"})").status, 400);
  Response own = t.get("/api/declarations", &staff);
  EXPECT_TRUE(has(own.body, "my nephew"));
  EXPECT_FALSE(has(own.body, "LinkedIn"));
  Response all = t.get("/api/declarations", &head);
  EXPECT_TRUE(has(all.body, "my nephew") && has(all.body, "LinkedIn")) << all.body;
  Response reviewed = t.send("POST", "/api/declarations/1/review", &head, "");
  EXPECT_EQ(reviewed.status, 200) << reviewed.body;
  EXPECT_TRUE(has(reviewed.body, "user:approver")) << reviewed.body;
}

TEST(Api, AcknowledgingThePolicyIsRecordedOnce) {
  TestApp t;
  auto staff = t.sign_in("staff");
  auto governor = t.sign_in("governor");
  Response policy = t.get("/api/policy", &staff, {{"q", "photograph"}});
  ASSERT_EQ(policy.status, 200);
  EXPECT_TRUE(has(policy.body, R"("acknowledged":"")")) << policy.body.substr(0, 300);
  EXPECT_EQ(t.send("POST", "/api/policy/acknowledge", &staff, "").status, 200);
  EXPECT_EQ(t.send("POST", "/api/policy/acknowledge", &staff, "").status, 200);
  Response acks = t.get("/api/acknowledgements", &governor);
  EXPECT_TRUE(has(acks.body, "staff:ja")) << acks.body;
  EXPECT_EQ(acks.body.find("staff:ja"), acks.body.rfind("staff:ja")) << "acknowledged twice: " << acks.body;
}

TEST(Api, AnUploadedProxyLogBecomesAKeptReport) {
  TestApp t;
  auto it = t.sign_in("it");
  std::string log =
      "1772532000.123    250 10.0.0.5 TCP_TUNNEL/200 5120 CONNECT www.instagram.com:443 j.albright HIER_DIRECT/157.240.1.1 -\n"
      "1772532060.456    100 10.0.0.5 TCP_TUNNEL/200 2048 CONNECT www.instagram.com:443 j.albright HIER_DIRECT/157.240.1.1 -\n";
  Response r = t.send("POST", "/api/monitor", &it, log, "text/plain", {{"title", "monday.log"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(has(r.body, "instagram.com")) << r.body.substr(0, 400);
  EXPECT_TRUE(has(r.body, "monday.log")) << r.body.substr(0, 400);
  EXPECT_FALSE(has(r.body, "smpolicy-upload-")) << "the temporary file's name leaked into the report";
  Response list = t.get("/api/reports", &it);
  EXPECT_TRUE(has(list.body, "monday.log")) << list.body;
  Response junk = t.send("POST", "/api/monitor", &it, "not a log at all\n", "text/plain");
  EXPECT_EQ(junk.status, 400) << junk.body;
}

TEST(Api, OfficialAccountsAreAddedAndChecked) {
  TestApp t;
  auto office = t.sign_in("publisher");
  Response made = t.send("POST", "/api/accounts", &office,
                         R"({"platform":"facebook","handle":"@hillside","custodians":["staff:ja"],"rotation_due":"2026-09-01"})");
  ASSERT_EQ(made.status, 201) << made.body;
  Response bad = t.send("POST", "/api/accounts", &office, R"({"platform":"x","handle":"@h","rotation_due":"soon"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(has(bad.body, R"("field":"rotation_due")")) << bad.body;
  EXPECT_TRUE(has(t.get("/api/accounts", &office).body, "@hillside"));
}

}  // namespace
}  // namespace smpolicy::server
