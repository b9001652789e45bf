// Users and sessions, on every back end.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "store/test_support.hpp"

namespace smpolicy::store {
namespace {

class Users : public testing::OneSchoolTest {
 protected:
  void SetUp() override {
    OneSchoolTest::SetUp();
    if (not_ready()) return;
    trust = db->create_trust("North Trust", "test")->id;
  }
  User user(std::string name, std::string school_id, std::string trust_id = "") const {
    return User{std::move(name),
                "Jane Smith",
                std::move(school_id),
                std::move(trust_id),
                "staff:jsmith",
                {"staff", "approver"},
                "$argon2id$v=19$m=65536,t=2,p=1$x$y",
                false,
                ""};
  }

  std::string trust;
};
SMPOLICY_STORE_BACKENDS(Users);

TEST_P(Users, CreatedUsersRoundTripAndAreAuditedWithoutTheirPassword) {
  auto made = db->create_user(user("jsmith", school), "cli");
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_EQ(made->created, testing::k_time);
  auto found = db->find_user("jsmith");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->display_name, "Jane Smith");
  EXPECT_EQ((*found)->school_id, school);
  EXPECT_EQ((*found)->trust_id, "");
  EXPECT_EQ((*found)->person_id, "staff:jsmith");
  EXPECT_EQ((*found)->roles, (std::vector<std::string>{"staff", "approver"}));
  EXPECT_EQ((*found)->password_hash, "$argon2id$v=19$m=65536,t=2,p=1$x$y");
  EXPECT_FALSE((*found)->disabled);
  auto entry = db->audit_entries(school)->back();
  EXPECT_EQ(entry.action, "user.create");
  EXPECT_EQ(entry.subject, "jsmith");
  EXPECT_EQ(entry.details_json.find("argon2"), std::string::npos);
  EXPECT_FALSE(db->find_user("nobody").value());
}

TEST_P(Users, ATakenNameOrAnUnknownSchoolOrTrustIsInvalid) {
  ASSERT_TRUE(db->create_user(user("jsmith", school), "cli"));
  EXPECT_EQ(db->create_user(user("jsmith", school), "cli").error().code, ErrorCode::invalid);
  EXPECT_EQ(db->create_user(user("b", "nowhere"), "cli").error().code, ErrorCode::invalid);
  EXPECT_EQ(db->create_user(user("c", "", "nowhere"), "cli").error().code, ErrorCode::invalid);
  EXPECT_EQ(db->create_user(user("Upper", school), "cli").error().code, ErrorCode::invalid);
  EXPECT_EQ(db->users(school)->size(), 1u);
}

TEST_P(Users, TrustAccountsBelongToNoSchoolAndAreAuditedOutsideEvery) {
  auto made = db->create_user(user("hr", "", trust), "cli");
  ASSERT_TRUE(made) << made.error().message;
  ASSERT_TRUE(db->create_user(user("teacher", school), "cli"));
  auto school_users = db->users(school);
  ASSERT_EQ(school_users->size(), 1u);
  EXPECT_EQ(school_users->front().username, "teacher");
  auto trust_users = db->users("");
  ASSERT_EQ(trust_users->size(), 1u);
  EXPECT_EQ(trust_users->front().trust_id, trust);
  auto entries = db->audit_entries(school).value();
  for (const AuditEntry& e : entries) EXPECT_NE(e.subject, "hr");
  EXPECT_TRUE(db->verify_audit()->intact);
}

TEST_P(Users, PasswordsChangeWithAnAuditEntry) {
  ASSERT_TRUE(db->create_user(user("jsmith", school), "cli"));
  ASSERT_TRUE(db->set_password("jsmith", "$argon2id$new", "jsmith"));
  EXPECT_EQ(db->find_user("jsmith").value()->password_hash, "$argon2id$new");
  auto entry = db->audit_entries(school)->back();
  EXPECT_EQ(entry.action, "user.password");
  EXPECT_EQ(entry.details_json.find("argon2"), std::string::npos);
  EXPECT_EQ(db->set_password("nobody", "x", "cli").error().code, ErrorCode::not_found);
}

TEST_P(Users, SessionsAreFoundByDigestUntilTheyExpireOrAreDeleted) {
  ASSERT_TRUE(db->create_user(user("jsmith", school), "cli"));
  Session s{"ab12", "jsmith", "csrf-1", "2026-03-03T10:15:00+00:00", "2026-03-03T18:15:00+00:00"};
  ASSERT_TRUE(db->save_session(s));
  auto found = db->find_session("ab12", "2026-03-03T12:00:00+00:00");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->username, "jsmith");
  EXPECT_EQ((*found)->csrf_token, "csrf-1");
  EXPECT_EQ((*found)->expires, "2026-03-03T18:15:00+00:00");
  EXPECT_FALSE(db->find_session("ab12", "2026-03-03T18:15:00+00:00").value());
  EXPECT_FALSE(db->find_session("ab12", "2026-03-04T09:00:00+00:00").value());
  EXPECT_FALSE(db->find_session("cd34", "2026-03-03T12:00:00+00:00").value());
  ASSERT_TRUE(db->delete_session("ab12"));
  EXPECT_FALSE(db->find_session("ab12", "2026-03-03T12:00:00+00:00").value());
  // A session for nobody breaks a constraint.
  Session orphan{"ef56", "nobody", "c", s.created, s.expires};
  EXPECT_EQ(db->save_session(orphan).error().code, ErrorCode::invalid);
}

}  // namespace
}  // namespace smpolicy::store
