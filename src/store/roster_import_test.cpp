#include <gtest/gtest.h>

#include "store/store.hpp"
#include "store/test_support.hpp"

namespace smpolicy::store {
namespace {

constexpr std::string_view k_header = "id,role,given_name,family_name,photo_consent\n";

std::string roster(std::string_view rows) { return std::string(k_header) + std::string(rows); }

class RosterImport : public testing::OneSchoolTest {};
SMPOLICY_STORE_BACKENDS(RosterImport);

TEST_P(RosterImport, PreviewCountsNewUpdatedAndUnchangedById) {
  auto first = preview_roster_import(*db, school,
                                     roster("pupil:1,pupil,Oliver,Bennett,none\n"
                                            "pupil:2,pupil,Grace,Okafor,print\n"),
                                     "r.csv");
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->added, 2);
  ASSERT_TRUE(commit_roster_import(*db, school, *first, "test"));
  auto second = preview_roster_import(*db, school,
                                      roster("pupil:1,pupil,Oliver,Bennett,none\n"
                                             "pupil:2,pupil,Grace,Okafor,print;website\n"
                                             "pupil:3,pupil,Noah,Patel,\n"),
                                      "r.csv");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->added, 1);
  EXPECT_EQ(second->updated, 1);
  EXPECT_EQ(second->unchanged, 1);
  EXPECT_EQ(db->people(school)->size(), 2u);  // a preview writes nothing
}

TEST_P(RosterImport, PreviewNamesEveryBadRowAndCommitRefusesIt) {
  auto preview = preview_roster_import(*db, school,
                                       roster("pupil:1,pupil,Oliver,Bennett,none\n"
                                              "pupil:2,teacher,Grace,Okafor,none\n"
                                              "pupil:3,pupil,Noah,,none\n"),
                                       "r.csv");
  ASSERT_TRUE(preview);
  ASSERT_EQ(preview->bad_rows.size(), 2u);
  EXPECT_EQ(preview->bad_rows[0].message,
            "r.csv:3:9: column role: 'teacher' is not a role (pupil, staff, parent, governor)");
  EXPECT_EQ(preview->bad_rows[1].message.substr(0, 8), "r.csv:4:");
  EXPECT_EQ(preview->added, 1);
  auto committed = commit_roster_import(*db, school, *preview, "test");
  ASSERT_FALSE(committed);
  EXPECT_EQ(committed.error().code, ErrorCode::invalid);
  EXPECT_TRUE(db->people(school)->empty());
}

TEST_P(RosterImport, CommitUpdatesInPlaceWithOneAuditEntryEach) {
  for (std::string_view given : {"Oliver", "Ollie"}) {
    auto preview = preview_roster_import(
        *db, school, roster("pupil:1,pupil," + std::string(given) + ",Bennett,none\n"), "r.csv");
    ASSERT_TRUE(commit_roster_import(*db, school, *preview, "staff:office"));
  }
  auto people = db->people(school);
  ASSERT_EQ(people->size(), 1u);
  EXPECT_EQ(people->front().given_name, "Ollie");
  auto entries = db->audit_entries(school);
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ(entries->back().action, "roster.import");
  EXPECT_EQ(entries->back().actor, "staff:office");
  EXPECT_EQ(entries->back().details_json, "{\"file\":\"r.csv\",\"added\":0,\"updated\":1,\"unchanged\":0}");
  EXPECT_TRUE(db->verify_audit()->intact);
}

TEST_P(RosterImport, AnUnknownSchoolOrAMissingColumnFailsTheWholeImport) {
  auto nowhere = preview_roster_import(*db, "nowhere", roster(""), "r.csv");
  ASSERT_FALSE(nowhere);
  EXPECT_EQ(nowhere.error().code, ErrorCode::not_found);
  EXPECT_FALSE(preview_roster_import(*db, school, "id,role\npupil:1,pupil\n", "r.csv"));
}

}  // namespace
}  // namespace smpolicy::store
