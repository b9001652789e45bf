#include <gtest/gtest.h>

#include "store/store.hpp"
#include "store/test_support.hpp"

namespace smpolicy::store {
namespace {

using testing::open_store;
using testing::person;
using testing::TempDir;

TEST(Store, MigratesANewFileAndKeepsRecordsOnReopen) {
  TempDir dir;
  {
    auto db = open_store(dir);
    ASSERT_TRUE(db);
    auto school = db->create_school({"Salterlee Primary School", "salterlee-2017"}, "test");
    ASSERT_TRUE(school) << school.error().message;
    EXPECT_EQ(school->id, "salterlee-primary-school");
    EXPECT_EQ(school->created, "2026-03-03T10:15:00+00:00");
  }
  auto db = open_store(dir);
  ASSERT_TRUE(db);
  auto schools = db->schools();
  ASSERT_TRUE(schools);
  ASSERT_EQ(schools->size(), 1u);
  EXPECT_EQ(schools->front().pack_id, "salterlee-2017");
  if (testing::have_sqlite3_cli()) {
    EXPECT_EQ(testing::sqlite3_cli(dir.db(), "SELECT max(version) FROM schema_version"), "1\n");
    EXPECT_EQ(testing::sqlite3_cli(dir.db(), "PRAGMA journal_mode"), "wal\n");
  }
}

TEST(Store, RefusesADatabaseFromANewerSmpolicy) {
  if (!testing::have_sqlite3_cli()) GTEST_SKIP() << "sqlite3 CLI not installed";
  TempDir dir;
  ASSERT_TRUE(open_store(dir));
  ASSERT_TRUE(testing::sqlite3_cli(dir.db(), "INSERT INTO schema_version VALUES (99)"));
  auto db = open_sqlite_store(dir.path(), fixed_clock("2026-03-03T10:15:00+00:00"));
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::unsupported);
  EXPECT_NE(db.error().message.find("schema version 99 is newer"), std::string::npos)
      << db.error().message;
}

TEST(Store, SchoolIdsAreUniqueSlugsOfTheName) {
  TempDir dir;
  auto db = open_store(dir);
  ASSERT_TRUE(db);
  EXPECT_EQ(db->create_school({"St. Mary's C of E", "polymat-2023"}, "test")->id, "st-mary-s-c-of-e");
  EXPECT_EQ(db->create_school({"St Mary's C of E", "polymat-2023"}, "test")->id, "st-mary-s-c-of-e-2");
  EXPECT_FALSE(db->create_school({"", "polymat-2023"}, "test"));
}

TEST(Store, OneSchoolNeverSeesAnotherSchoolsPeople) {
  TempDir dir;
  auto db = open_store(dir);
  ASSERT_TRUE(db);
  auto a = db->create_school({"School A", "salterlee-2017"}, "test");
  auto b = db->create_school({"School B", "polymat-2023"}, "test");
  ASSERT_TRUE(a && b);
  std::vector<Person> people_a = {person("pupil:1", "Oliver", "Bennett")};
  std::vector<Person> people_b = {person("pupil:1", "Grace", "Okafor")};
  ASSERT_TRUE(db->save_people(a->id, people_a, {"", "test", "roster.import", "a.csv"}));
  EXPECT_TRUE(db->people(b->id)->empty());
  ASSERT_TRUE(db->save_people(b->id, people_b, {"", "test", "roster.import", "b.csv"}));
  EXPECT_EQ(db->people(a->id)->front().given_name, "Oliver");
  EXPECT_EQ(db->people(b->id)->front().given_name, "Grace");
  EXPECT_EQ(db->audit_entries(a->id)->size(), 2u);  // created, imported
  auto entries_b = db->audit_entries(b->id);
  ASSERT_TRUE(entries_b);
  for (const auto& e : *entries_b) EXPECT_EQ(e.school_id, b->id);
}

TEST(Store, PeopleRoundTripEveryField) {
  TempDir dir;
  auto db = open_store(dir);
  ASSERT_TRUE(db);
  auto school = db->create_school({"School A", "salterlee-2017"}, "test");
  Person p = person("pupil:7", "William", "Hart");
  p.preferred_name = "Will", p.date_of_birth = "2016-01-20", p.year_group = "4";
  p.restricted = true, p.consent_known = true, p.photo_consent = {"print", "social"};
  ASSERT_TRUE(db->save_people(school->id, std::vector<Person>{p}, {"", "test", "x", "y"}));
  auto back = db->people(school->id);
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ(back->front().preferred_name, "Will");
  EXPECT_TRUE(back->front().restricted);
  EXPECT_EQ(back->front().photo_consent, (std::vector<std::string>{"print", "social"}));
}

TEST(Store, AFailedWriteLeavesNothingHalfWritten) {
  TempDir dir;
  auto db = open_store(dir);
  ASSERT_TRUE(db);
  auto school = db->create_school({"School A", "salterlee-2017"}, "test");
  // The third row breaks a constraint (a given name is required) after two good rows.
  std::vector<Person> people = {person("pupil:1", "Oliver", "Bennett"),
                                person("pupil:2", "Grace", "Okafor"),
                                person("pupil:3", "", "Patel")};
  auto saved = db->save_people(school->id, people, {"", "test", "roster.import", "r.csv"});
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code, ErrorCode::invalid);
  EXPECT_NE(saved.error().message.find("pupil:3"), std::string::npos) << saved.error().message;
  EXPECT_TRUE(db->people(school->id)->empty());
  EXPECT_EQ(db->audit_entries(school->id)->size(), 1u);  // only the creation
  EXPECT_TRUE(db->verify_audit()->intact);
}

TEST(Store, WritesToAnUnknownSchoolAreRefused) {
  TempDir dir;
  auto db = open_store(dir);
  ASSERT_TRUE(db);
  std::vector<Person> people = {person("pupil:1", "Oliver", "Bennett")};
  auto saved = db->save_people("nowhere", people, {"", "test", "roster.import", "r.csv"});
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code, ErrorCode::not_found);
  EXPECT_FALSE(db->append_audit({"nowhere", "test", "x", "y"}));
}

TEST(Store, BackupIsAFileThatOpensAndVerifies) {
  TempDir dir, copy;
  auto db = open_store(dir);
  ASSERT_TRUE(db);
  auto school = db->create_school({"School A", "salterlee-2017"}, "test");
  std::vector<Person> people = {person("pupil:1", "Oliver", "Bennett")};
  ASSERT_TRUE(db->save_people(school->id, people, {"", "test", "roster.import", "r.csv"}));
  auto done = db->backup(copy.db());
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_FALSE(std::filesystem::exists(copy.path() / "smpolicy.db.tmp"));
  auto restored = open_store(copy);
  ASSERT_TRUE(restored);
  EXPECT_EQ(restored->people(school->id)->size(), 1u);
  auto check = restored->verify_audit();
  ASSERT_TRUE(check);
  EXPECT_TRUE(check->intact);
  EXPECT_EQ(check->entries, 2);
}

}  // namespace
}  // namespace smpolicy::store
