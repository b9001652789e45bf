#include <gtest/gtest.h>

#include "server/test_app.hpp"

namespace smpolicy::server {
namespace {

using testing::header;
using testing::TestApp;

bool has(const std::string& body, std::string_view text) { return body.find(text) != std::string::npos; }

TEST(Pages, APageAsksAStrangerToSignInAndComesBackAfter) {
  TestApp t;
  Response r = t.get("/consents");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(header(r, "Location"), "/login?next=/consents");
  Response form = t.get("/login", nullptr, {{"next", "/consents"}});
  ASSERT_EQ(form.status, 200);
  std::string cookie = header(form, "Set-Cookie");
  std::string token = cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
  Request login;
  login.method = "POST";
  login.path = "/login";
  login.headers["content-type"] = "application/x-www-form-urlencoded";
  login.headers["cookie"] = "smpolicy_login=" + token;
  login.body = "username=publisher&password=a+long+test+password&next=%2Fconsents&login_token=" + token;
  Response in = t.app().handle(login);
  EXPECT_EQ(in.status, 303) << in.body;
  EXPECT_EQ(header(in, "Location"), "/consents");
  EXPECT_TRUE(has(header(in, "Set-Cookie"), "smpolicy_session=")) << header(in, "Set-Cookie");
}

TEST(Pages, SignInFromAnotherSiteIsRefused) {
  TestApp t;
  Request login;
  login.method = "POST";
  login.path = "/login";
  login.headers["content-type"] = "application/x-www-form-urlencoded";
  login.body = "username=staff&password=a+long+test+password&login_token=guessed";
  Response r = t.app().handle(login);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(header(r, "Set-Cookie").find("smpolicy_session="), std::string::npos);
}

TEST(Pages, CheckingAPostMarksWhatWasFoundInTheText) {
  TestApp t;
  auto staff = t.sign_in("staff");
  Response r = t.post_form("/check", staff, {{"text", "Ollie Bennett was brilliant today"}, {"audience", "public"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(has(r.body, "<mark title=\"person.pupil\">Ollie Bennett")) << r.body;
  EXPECT_TRUE(has(r.body, "href=\"/policy#clause-")) << "clauses are cited";
  EXPECT_TRUE(has(r.body, "class=\"verdict ")) << r.body;
}

TEST(Pages, TheTextOfAPostIsEscaped) {
  TestApp t;
  auto staff = t.sign_in("staff");
  Response r = t.post_form("/check", staff, {{"text", "<script>alert(1)</script> hello"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_FALSE(has(r.body, "<script>alert")) << "raw markup echoed";
  EXPECT_TRUE(has(r.body, "&lt;script&gt;"));
}

TEST(Pages, AContactQuestionGetsTheDuties) {
  TestApp t;
  auto staff = t.sign_in("staff");
  Response r = t.post_form("/contact", staff,
                           {{"action", "friend_request_received"}, {"counterpart.role", "pupil"}, {"platform", "instagram"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(has(r.body, "class=\"verdict advise\"")) << r.body;
  EXPECT_TRUE(has(r.body, "decline the request")) << r.body;
}

TEST(Pages, AcknowledgingThePolicyShowsTheDate) {
  TestApp t;
  auto staff = t.sign_in("staff");
  Response before = t.get("/policy", &staff);
  EXPECT_TRUE(has(before.body, "I have read and understood"));
  Response ack = t.post_form("/policy/acknowledge", staff, {});
  EXPECT_EQ(ack.status, 303);
  Response after = t.get("/policy", &staff, {{"ok", "acknowledged"}});
  EXPECT_TRUE(has(after.body, "You acknowledged this version on 2026-03-03")) << after.body.substr(0, 2000);
}

TEST(Pages, ARosterWithABadRowIsNamedAndNothingImported) {
  TestApp t;
  auto head = t.sign_in("approver");
  Request q;
  q.method = "POST";
  q.path = "/people/import";
  q.headers["content-type"] = "multipart/form-data; boundary=x";
  q.headers["cookie"] = head.cookie;
  q.parts = {{"csrf", "", "", head.csrf},
             {"commit", "", "", "true"},
             {"roster", "term.csv", "text/csv", "id,role,given_name,family_name\npupil:7,pupil,Noah,Pemberton\npupil:8,pupil,,Ravensworth\n"}};
  Response r = t.app().handle(q);
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(has(r.body, "term.csv:3:")) << r.body;
  EXPECT_TRUE(has(r.body, "nothing was imported")) << r.body;
  EXPECT_FALSE(has(t.get("/people", &head).body, "Pemberton"));
}

TEST(Pages, RecordingAConsentIsSavedAndAudited) {
  TestApp t;
  auto office = t.sign_in("publisher");
  auto head = t.sign_in("approver");
  Response r = t.post_form("/consents", office, {{"person", "pupil:2"}, {"channels", "print"}, {"channels", "website"}});
  EXPECT_EQ(r.status, 303) << r.body;
  Response page = t.get("/consents", &office);
  EXPECT_TRUE(has(page.body, "print, website")) << page.body;
  Response audit = t.get("/audit", &head);
  EXPECT_TRUE(has(audit.body, "pupil:2"));
  EXPECT_TRUE(has(audit.body, "Check the whole chain")) << "the chain is walked only on request";
  EXPECT_FALSE(has(audit.body, "is intact"));
  Response checked = t.get("/audit", &head, {{"verify", "1"}});
  EXPECT_TRUE(has(checked.body, "is intact")) << checked.body;
  EXPECT_TRUE(has(checked.body, "Note its head")) << checked.body;
  Response wrong = t.get("/audit", &head, {{"verify", "1"}, {"head", "1:" + std::string(64, 'f')}});
  EXPECT_TRUE(has(wrong.body, "chain rebuilt: entry 1 is not the one noted")) << wrong.body;
}

TEST(Pages, TheHeadteacherSetsTermDatesAndAGovernorOnlyReadsThem) {
  TestApp t;
  auto head = t.sign_in("approver");
  auto governor = t.sign_in("governor");
  Response bad = t.post_form("/school", head, {{"pack", "salterlee-2017"}, {"terms", "2026-09-03/2026-10-23\r\nautumn half"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(has(bad.body, "item 2")) << bad.body;
  EXPECT_TRUE(has(bad.body, "autumn half")) << "what was typed is kept: " << bad.body;
  Response saved = t.post_form("/school", head, {{"pack", "salterlee-2017"}, {"names", "Hillside\r\nHillside Primary"},
                                                {"terms", "2026-09-03/2026-10-23\r\n2026-11-02/2026-12-18"}});
  EXPECT_EQ(saved.status, 303) << saved.body;
  Response form = t.get("/school", &head);
  EXPECT_TRUE(has(form.body, "2026-11-02/2026-12-18")) << form.body;
  EXPECT_TRUE(has(form.body, "<textarea")) << form.body;
  Response view = t.get("/school", &governor);
  EXPECT_TRUE(has(view.body, "Hillside Primary")) << view.body;
  EXPECT_FALSE(has(view.body, "<textarea")) << "a governor reads, never changes: " << view.body;
  EXPECT_EQ(t.post_form("/school", governor, {{"names", "Elsewhere"}}).status, 403);
}

TEST(Pages, NavigationShowsOnlyWhatTheRoleMayUse) {
  TestApp t;
  auto staff = t.sign_in("staff");
  auto head = t.sign_in("approver");
  Response home = t.get("/", &staff);
  EXPECT_TRUE(has(home.body, "href=\"/check\""));
  EXPECT_FALSE(has(home.body, "href=\"/audit\""));
  EXPECT_TRUE(has(t.get("/", &head).body, "href=\"/audit\""));
}

TEST(Pages, StaticFilesAreServedAndUnknownOnesAreNot) {
  TestApp t;
  Response css = t.get("/static/app.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
  EXPECT_EQ(t.get("/static/nothing.js").status, 404);
}

}  // namespace
}  // namespace smpolicy::server
