// The registers of a school (consent, declarations, official accounts, acknowledgements,
// kept reports) and trusts, on every back end.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "store/test_support.hpp"

namespace smpolicy::store {
namespace {

using testing::person;

class Records : public testing::OneSchoolTest {
 protected:
  void SetUp() override {
    OneSchoolTest::SetUp();
    if (not_ready()) return;
    a = school;
    b = db->create_school({"School B", "polymat-2023"}, "test")->id;
    std::vector<Person> people = {person("pupil:1", "Oliver", "Bennett"),
                                  person("staff:jsmith", "Jane", "Smith", Role::staff)};
    ASSERT_TRUE(db->save_people(a, people, {"", "test", "roster.import", "a.csv"}));
    ASSERT_TRUE(db->save_people(b, people, {"", "test", "roster.import", "b.csv"}));
  }
  const AuditEntry& last_entry(const std::string& school_id) {
    m_entries = db->audit_entries(school_id).value();
    return m_entries.back();
  }

  std::string a, b;  // two schools with the same roster ids

 private:
  std::vector<AuditEntry> m_entries;
};
SMPOLICY_STORE_BACKENDS(Records);

TEST_P(Records, ConsentIsSetWithAnAuditEntryNamingOldAndNew) {
  auto set = db->set_consent(a, "pupil:1", {"print", "website"}, true, "staff:office");
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_TRUE(set->consent_known);
  EXPECT_TRUE(set->restricted);
  auto stored = db->find_person(a, "pupil:1").value();
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->photo_consent, (std::vector<std::string>{"print", "website"}));
  EXPECT_TRUE(stored->restricted);
  const AuditEntry& e = last_entry(a);
  EXPECT_EQ(e.action, "consent.set");
  EXPECT_EQ(e.actor, "staff:office");
  EXPECT_EQ(e.subject, "pupil:1");
  EXPECT_EQ(e.details_json,
            "{\"old_consent\":\"unknown\",\"new_consent\":\"print;website\","
            "\"old_restricted\":\"false\",\"new_restricted\":\"true\"}");
  // No consent at all is a known answer too.
  auto none = db->set_consent(a, "pupil:1", {}, false, "staff:office");
  ASSERT_TRUE(none);
  EXPECT_TRUE(db->find_person(a, "pupil:1").value()->photo_consent.empty());
  EXPECT_NE(last_entry(a).details_json.find("\"new_consent\":\"none\""), std::string::npos);
  // School B's pupil:1 is another child.
  EXPECT_FALSE(db->find_person(b, "pupil:1").value()->consent_known);
}

TEST_P(Records, ConsentForAnUnknownPersonOrChannelIsRefused) {
  auto nobody = db->set_consent(a, "pupil:99", {"print"}, false, "test");
  ASSERT_FALSE(nobody);
  EXPECT_EQ(nobody.error().code, ErrorCode::not_found);
  auto channel = db->set_consent(a, "pupil:1", {"billboard"}, false, "test");
  ASSERT_FALSE(channel);
  EXPECT_EQ(channel.error().code, ErrorCode::invalid);
  EXPECT_EQ(db->audit_entries(a)->size(), 2u);  // created, imported
}

TEST_P(Records, DeclarationsAreStampedListedNewestFirstAndReviewed) {
  Declaration first{0, "staff:jsmith", DeclarationKind::relationship_pupil, "pupil:1", "My niece", "", "",
                    ""};
  auto one = db->add_declaration(a, first, "staff:jsmith");
  ASSERT_TRUE(one) << one.error().message;
  EXPECT_GT(one->id, 0);
  EXPECT_EQ(one->declared, testing::k_time);
  Declaration second{0, "staff:other", DeclarationKind::employment_reference, "LinkedIn", "", "", "", ""};
  auto two = db->add_declaration(a, second, "staff:other");
  ASSERT_TRUE(two);
  EXPECT_EQ(last_entry(a).action, "declaration.add");

  auto all = db->declarations(a, "");
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->front().id, two->id);
  EXPECT_EQ(all->back().kind, DeclarationKind::relationship_pupil);
  EXPECT_EQ(all->back().details, "My niece");
  auto mine = db->declarations(a, "staff:jsmith");
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().about, "pupil:1");

  auto reviewed = db->review_declaration(a, one->id, "staff:head");
  ASSERT_TRUE(reviewed) << reviewed.error().message;
  EXPECT_EQ(reviewed->reviewed_by, "staff:head");
  EXPECT_EQ(reviewed->reviewed, testing::k_time);
  EXPECT_EQ(last_entry(a).action, "declaration.review");
  // School B cannot see or review school A's declaration.
  EXPECT_TRUE(db->declarations(b, "")->empty());
  auto elsewhere = db->review_declaration(b, one->id, "staff:head");
  ASSERT_FALSE(elsewhere);
  EXPECT_EQ(elsewhere.error().code, ErrorCode::not_found);
  EXPECT_EQ(db->declarations(a, "staff:jsmith")->front().reviewed_by, "staff:head");
}

TEST_P(Records, OfficialAccountsInsertUpdateAndListInOrder) {
  OfficialAccount x{0, "x", "@schoola", true, {"staff:jsmith", "staff:office"}, "2026-09-01", ""};
  auto saved = db->save_official_account(a, x, "staff:head");
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_GT(saved->id, 0);
  EXPECT_EQ(saved->updated, testing::k_time);
  OfficialAccount facebook{0, "facebook", "schoolapage", false, {}, "", ""};
  ASSERT_TRUE(db->save_official_account(a, facebook, "staff:head"));
  auto changed = *saved;
  changed.custodians = {"staff:office"};
  changed.rotation_due = "2027-01-01";
  auto updated = db->save_official_account(a, changed, "staff:head");
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->id, saved->id);
  EXPECT_EQ(last_entry(a).action, "official_account.save");

  auto listed = db->official_accounts(a);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ(listed->front().platform, "facebook");
  EXPECT_FALSE(listed->front().school_owned);
  EXPECT_EQ(listed->back().custodians, (std::vector<std::string>{"staff:office"}));
  EXPECT_EQ(listed->back().rotation_due, "2027-01-01");
  // Another school's id is not this school's account.
  EXPECT_TRUE(db->official_accounts(b)->empty());
  auto elsewhere = db->save_official_account(b, changed, "staff:head");
  ASSERT_FALSE(elsewhere);
  EXPECT_EQ(elsewhere.error().code, ErrorCode::not_found);
  // The same platform and handle twice in one school breaks a constraint.
  auto twice = db->save_official_account(a, facebook, "staff:head");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::invalid);
}

TEST_P(Records, AcknowledgingAgainKeepsTheFirstTimeAndAuditsOnce) {
  Acknowledgement ack{"staff:jsmith", "salterlee-2017", "3", ""};
  auto first = db->acknowledge(a, ack, "staff:jsmith");
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->time, testing::k_time);
  auto entries = db->audit_entries(a)->size();
  auto later = backend->open("2026-04-01T09:00:00+00:00");
  auto again = later->acknowledge(a, ack, "staff:jsmith");
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->time, testing::k_time);
  EXPECT_EQ(db->audit_entries(a)->size(), entries);
  // A new version is a new acknowledgement, ordered after the first.
  ack.pack_version = "4";
  ASSERT_TRUE(later->acknowledge(a, ack, "staff:jsmith"));
  auto listed = db->acknowledgements(a);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ(listed->front().pack_version, "3");
  EXPECT_EQ(listed->back().time, "2026-04-01T09:00:00+00:00");
  EXPECT_EQ(last_entry(a).action, "policy.acknowledge");
  EXPECT_TRUE(db->acknowledgements(b)->empty());
}

TEST_P(Records, ReportsAreKeptListedWithoutHtmlAndFoundInFull) {
  KeptReport report{0, "access.log.gz, 3-7 March", "it.manager", "", "{\"visits\":3}", "<html>report</html>"};
  auto kept = db->keep_report(a, report);
  ASSERT_TRUE(kept) << kept.error().message;
  EXPECT_GT(kept->id, 0);
  report.title = "access.log.gz, 10-14 March";
  auto second = db->keep_report(a, report);
  ASSERT_TRUE(second);
  auto listed = db->reports(a);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ(listed->front().id, second->id);
  EXPECT_EQ(listed->front().html, "");
  EXPECT_EQ(listed->front().summary_json, "{\"visits\":3}");
  auto found = db->find_report(a, kept->id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->html, "<html>report</html>");
  EXPECT_EQ((*found)->uploaded_by, "it.manager");
  EXPECT_FALSE(db->find_report(b, kept->id).value());
  EXPECT_TRUE(db->reports(b)->empty());
}

TEST_P(Records, TheSchoolsRevisionMovesWithEachOfItsChangesOnly) {
  auto before_a = db->school_revision(a).value();
  auto before_b = db->school_revision(b).value();
  EXPECT_GT(before_a, 0);
  ASSERT_TRUE(db->set_consent(a, "pupil:1", {"print"}, false, "staff:office"));
  EXPECT_GT(db->school_revision(a).value(), before_a);
  EXPECT_EQ(db->school_revision(b).value(), before_b) << "another school's change moved it";
  EXPECT_EQ(db->school_revision("no-such-school").value(), 0);
}

TEST_P(Records, ThePagedAuditHistoryIsNewestFirstAndStaysInItsSchool) {
  for (const char* channel : {"print", "website", "social"}) ASSERT_TRUE(db->set_consent(a, "pupil:1", {channel}, false, "staff:office"));
  auto all = db->audit_entries(a).value();
  auto page = db->newest_audit_entries(a, 2, 0).value();
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].seq, all.back().seq);
  EXPECT_EQ(page[1].seq, all[all.size() - 2].seq);
  auto older = db->newest_audit_entries(a, 100, page[1].seq).value();
  EXPECT_EQ(older.size(), all.size() - 2);
  for (const auto& e : older) EXPECT_LT(e.seq, page[1].seq);
  auto other = db->newest_audit_entries(b, 100, 0).value();
  for (const auto& e : other) EXPECT_EQ(e.school_id, b);
  EXPECT_TRUE(db->newest_audit_entries(a, 0, 0).value().empty());
}

TEST_P(Records, WritesToAnUnknownSchoolAreNotFound) {
  Declaration d{0, "staff:jsmith", DeclarationKind::other, "", "", "", "", ""};
  EXPECT_EQ(db->add_declaration("nowhere", d, "t").error().code, ErrorCode::not_found);
  OfficialAccount x{0, "x", "@a", true, {}, "", ""};
  EXPECT_EQ(db->save_official_account("nowhere", x, "t").error().code, ErrorCode::not_found);
  Acknowledgement ack{"staff:jsmith", "p", "1", ""};
  EXPECT_EQ(db->acknowledge("nowhere", ack, "t").error().code, ErrorCode::not_found);
  EXPECT_EQ(db->keep_report("nowhere", {0, "t", "u", "", "{}", ""}).error().code, ErrorCode::not_found);
}

TEST_P(Records, TrustsHoldSchoolsAndTheirEntriesBelongToNoSchool) {
  auto trust = db->create_trust("North Star Academy Trust", "cli");
  ASSERT_TRUE(trust) << trust.error().message;
  EXPECT_EQ(trust->id, "north-star-academy-trust");
  EXPECT_EQ(db->create_trust("North Star Academy Trust", "cli")->id, "north-star-academy-trust-2");
  auto held = db->create_school({"School C", "salterlee-2017", "{}", trust->id}, "cli");
  ASSERT_TRUE(held) << held.error().message;
  EXPECT_EQ(held->trust_id, trust->id);
  EXPECT_EQ(db->find_school(held->id).value()->trust_id, trust->id);
  auto schools = db->trust_schools(trust->id);
  ASSERT_EQ(schools->size(), 1u);
  EXPECT_EQ(schools->front().id, held->id);
  EXPECT_EQ(db->find_trust(trust->id).value()->name, "North Star Academy Trust");
  EXPECT_FALSE(db->find_trust("nowhere").value());
  auto orphan = db->create_school({"School D", "salterlee-2017", "{}", "nowhere"}, "cli");
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().code, ErrorCode::invalid);
  auto check = db->verify_audit();
  EXPECT_TRUE(check->intact);
  for (const std::string& school : {a, b, held->id}) {
    auto entries = db->audit_entries(school).value();
    for (const AuditEntry& e : entries) EXPECT_NE(e.action, "trust.create");
  }
}

}  // namespace
}  // namespace smpolicy::store
