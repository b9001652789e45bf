#include <gtest/gtest.h>

#include <fstream>

#include "store/schema.hpp"
#include "store/store.hpp"
#include "store/test_support.hpp"

namespace smpolicy::store {
namespace {

using testing::BackendKind;
using testing::person;
using testing::TempDir;

class StoreTest : public testing::BackendTest {};
SMPOLICY_STORE_BACKENDS(StoreTest);

// The same, with the store open and "School A" in it.
class SchoolTest : public testing::OneSchoolTest {};
SMPOLICY_STORE_BACKENDS(SchoolTest);

TEST_P(StoreTest, MigratesANewDatabaseAndKeepsRecordsOnReopen) {
  {
    auto db = backend->open();
    ASSERT_TRUE(db);
    auto school = db->create_school({"Salterlee Primary School", "salterlee-2017"}, "test");
    ASSERT_TRUE(school) << school.error().message;
    EXPECT_EQ(school->id, "salterlee-primary-school");
    EXPECT_EQ(school->created, "2026-03-03T10:15:00+00:00");
  }
  auto db = backend->open();
  ASSERT_TRUE(db);
  auto schools = db->schools();
  ASSERT_TRUE(schools);
  ASSERT_EQ(schools->size(), 1u);
  EXPECT_EQ(schools->front().pack_id, "salterlee-2017");
  if (backend->have_cli()) {
    EXPECT_EQ(backend->cli("SELECT max(version) FROM schema_version"), "2\n");
    if (backend->kind() == BackendKind::sqlite) {
      EXPECT_EQ(backend->cli("PRAGMA journal_mode"), "wal\n");
    }
  }
}

TEST_P(StoreTest, RefusesADatabaseFromANewerSmpolicy) {
  if (!backend->have_cli()) GTEST_SKIP() << "no command-line client for this back end";
  ASSERT_TRUE(backend->open());
  ASSERT_TRUE(backend->cli("INSERT INTO schema_version VALUES (99)"));
  auto db = backend->try_open();
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::unsupported);
  EXPECT_NE(db.error().message.find("schema version 99 is newer"), std::string::npos) << db.error().message;
}

TEST_P(StoreTest, SchoolIdsAreUniqueSlugsOfTheName) {
  auto db = backend->open();
  ASSERT_TRUE(db);
  EXPECT_EQ(db->create_school({"St. Mary's C of E", "polymat-2023"}, "test")->id, "st-mary-s-c-of-e");
  EXPECT_EQ(db->create_school({"St Mary's C of E", "polymat-2023"}, "test")->id, "st-mary-s-c-of-e-2");
  EXPECT_FALSE(db->create_school({"", "polymat-2023"}, "test"));
}

TEST_P(StoreTest, OneSchoolNeverSeesAnotherSchoolsPeople) {
  auto db = backend->open();
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
  EXPECT_EQ(db->find_person(a->id, "pupil:1").value()->given_name, "Oliver");
  EXPECT_EQ(db->audit_entries(a->id)->size(), 2u);  // created, imported
  auto entries_b = db->audit_entries(b->id);
  ASSERT_TRUE(entries_b);
  for (const auto& e : *entries_b) EXPECT_EQ(e.school_id, b->id);
}

TEST_P(SchoolTest, PeopleRoundTripEveryField) {
  Person p = person("pupil:7", "William", "Hart");
  p.preferred_name = "Will", p.date_of_birth = "2016-01-20", p.year_group = "4";
  p.email = "w@example.org", p.phone = "01632 960000", p.left_on = "2025-07-18";
  p.restricted = true, p.consent_known = true, p.photo_consent = {"print", "social"};
  ASSERT_TRUE(db->save_people(school, std::vector<Person>{p}, {"", "test", "x", "y"}));
  auto back = db->people(school);
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ(back->front().preferred_name, "Will");
  EXPECT_EQ(back->front().left_on, "2025-07-18");
  EXPECT_EQ(back->front().phone, "01632 960000");
  EXPECT_TRUE(back->front().restricted);
  EXPECT_EQ(back->front().photo_consent, (std::vector<std::string>{"print", "social"}));
}

TEST_P(SchoolTest, PeopleAreOrderedByIdBytewise) {
  std::vector<Person> people = {person("pupil:b", "B", "B"), person("pupil:B", "C", "C"),
                                person("pupil:a", "A", "A")};
  ASSERT_TRUE(db->save_people(school, people, {"", "test", "x", "y"}));
  auto back = db->people(school);
  ASSERT_EQ(back->size(), 3u);
  EXPECT_EQ((*back)[0].id, "pupil:B");
  EXPECT_EQ((*back)[1].id, "pupil:a");
  EXPECT_EQ((*back)[2].id, "pupil:b");
}

TEST_P(SchoolTest, AFailedWriteLeavesNothingHalfWritten) {
  // The third row breaks a constraint (a given name is required) after two good rows.
  std::vector<Person> people = {person("pupil:1", "Oliver", "Bennett"), person("pupil:2", "Grace", "Okafor"),
                                person("pupil:3", "", "Patel")};
  auto saved = db->save_people(school, people, {"", "test", "roster.import", "r.csv"});
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code, ErrorCode::invalid);
  EXPECT_NE(saved.error().message.find("pupil:3"), std::string::npos) << saved.error().message;
  EXPECT_TRUE(db->people(school)->empty());
  EXPECT_EQ(db->audit_entries(school)->size(), 1u);  // only the creation
  EXPECT_TRUE(db->verify_audit()->intact);
  // The connection is still good for the next write.
  EXPECT_TRUE(db->save_people(school, std::span(people).first(2), {"", "test", "x", "y"}));
}

TEST_P(StoreTest, WritesToAnUnknownSchoolAreRefused) {
  auto db = backend->open();
  ASSERT_TRUE(db);
  std::vector<Person> people = {person("pupil:1", "Oliver", "Bennett")};
  auto saved = db->save_people("nowhere", people, {"", "test", "roster.import", "r.csv"});
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code, ErrorCode::not_found);
  EXPECT_FALSE(db->append_audit({"nowhere", "test", "x", "y"}));
}

TEST_P(StoreTest, BadIdentityJsonIsInvalid) {
  auto db = backend->open();
  ASSERT_TRUE(db);
  auto made = db->create_school({"School A", "salterlee-2017", "{not json"}, "test");
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().code, ErrorCode::invalid) << made.error().message;
  EXPECT_TRUE(db->schools()->empty());
}

TEST_P(SchoolTest, UpdateSchoolChangesPackAndIdentityWithAnAuditEntry) {
  School changed = *db->find_school(school).value();
  changed.pack_id = "polymat-2023", changed.identity_json = "{\"aliases\":[\"SA\"]}";
  changed.name = "ignored";
  auto updated = db->update_school(changed, "staff:head");
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->pack_id, "polymat-2023");
  EXPECT_EQ(updated->identity_json, "{\"aliases\":[\"SA\"]}");
  EXPECT_EQ(updated->name, "School A");
  auto entries = db->audit_entries(school);
  EXPECT_EQ(entries->back().action, "school.update");
  EXPECT_EQ(entries->back().actor, "staff:head");
  EXPECT_NE(entries->back().details_json.find(R"("old_pack":"salterlee-2017")"), std::string::npos) << entries->back().details_json;
  EXPECT_NE(entries->back().details_json.find("aliases"), std::string::npos) << entries->back().details_json;
  changed.id = "nowhere";
  EXPECT_EQ(db->update_school(changed, "test").error().code, ErrorCode::not_found);
}

TEST_P(SchoolTest, BackupIsACopyThatRestoresAndVerifies) {
  std::vector<Person> people = {person("pupil:1", "Oliver", "Bennett")};
  ASSERT_TRUE(db->save_people(school, people, {"", "test", "roster.import", "r.csv"}));
  TempDir copy;
  auto done = db->backup(copy.db());
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_TRUE(std::filesystem::exists(copy.db()));
  EXPECT_FALSE(std::filesystem::exists(copy.path() / "smpolicy.db.tmp"));
  std::unique_ptr<Store> restored;
  testing::Backend target(backend->kind());
  if (backend->kind() == BackendKind::sqlite) {
    restored = open_store(copy.path().string(), fixed_clock(testing::k_time)).value_or(nullptr);
  } else {
    ASSERT_TRUE(testing::run("psql -X -q -v ON_ERROR_STOP=1 -d '" + target.database() + "' -f '" +
                             copy.db().string() + "'"));
    restored = target.open();
  }
  ASSERT_TRUE(restored);
  EXPECT_EQ(restored->people(school)->size(), 1u);
  auto check = restored->verify_audit();
  ASSERT_TRUE(check);
  EXPECT_TRUE(check->intact);
  EXPECT_EQ(check->entries, 2);
}

TEST_P(SchoolTest, BackupOfPostgresWithoutPgDumpIsUnsupported) {
  if (backend->kind() != BackendKind::postgres) GTEST_SKIP() << "SQLite backs up in process";
  std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
  ::setenv("PATH", "/nonexistent", 1);
  TempDir copy;
  auto done = db->backup(copy.db());
  ::setenv("PATH", path.c_str(), 1);
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().code, ErrorCode::unsupported);
  EXPECT_NE(done.error().message.find("pg_dump"), std::string::npos) << done.error().message;
  EXPECT_FALSE(std::filesystem::exists(copy.db()));
}

TEST(OpenStore, ChoosesTheBackEndByTheNameAndNeverShowsThePassword) {
  TempDir dir;
  auto sqlite = open_store(dir.path().string(), fixed_clock(testing::k_time));
  ASSERT_TRUE(sqlite) << sqlite.error().message;
  EXPECT_TRUE(std::filesystem::exists(dir.db()));
  // Port 1 on the loopback: nothing listens, so the connection is refused at once.
  for (const char* url : {"postgresql://smpolicy:s3cret-pw@127.0.0.1:1/smpolicy",
                          "postgres://smpolicy@127.0.0.1:1/smpolicy?password=s3cret-pw"}) {
    auto postgres = open_store(url, fixed_clock(testing::k_time));
    ASSERT_FALSE(postgres) << url;
    EXPECT_EQ(postgres.error().code, ErrorCode::io);
    EXPECT_NE(postgres.error().message.find("127.0.0.1"), std::string::npos) << postgres.error().message;
    EXPECT_EQ(postgres.error().message.find("s3cret-pw"), std::string::npos) << postgres.error().message;
  }
}

// A file made by the first smpolicy with a store (schema version 1) opens in this one: its
// audit log is carried over into version 2's table entry for entry, still verifying, and
// still refusing changes.
TEST(SqliteStore, UpgradesAVersion1FileKeepingItsAuditChain) {
  if (!testing::have_sqlite3_cli()) GTEST_SKIP() << "sqlite3 CLI not installed";
  TempDir dir;
  AuditEntry first{1,          "school-a", testing::k_time, "cli", "school.create",
                   "school-a", "{}",       genesis_hash(),  ""};
  first.hash = audit_hash(first);
  std::ofstream(dir.path() / "v1.sql")
      << schema_migrations(Dialect::sqlite)[0] << ";\n"
      << "CREATE TABLE schema_version (version INTEGER NOT NULL);\n"
      << "INSERT INTO schema_version VALUES (1);\n"
      << "INSERT INTO schools VALUES ('school-a', 'School A', 'salterlee-2017', '{}', '" << testing::k_time
      << "');\n"
      << "INSERT INTO audit_log VALUES (1, 'school-a', '" << first.time << "', 'cli', "
      << "'school.create', 'school-a', '{}', '" << first.prev_hash << "', '" << first.hash << "');\n";
  ASSERT_TRUE(
      testing::run("sqlite3 '" + dir.db().string() + "' < '" + (dir.path() / "v1.sql").string() + "'"));
  auto db = open_store(dir.path().string(), fixed_clock(testing::k_time));
  ASSERT_TRUE(db) << db.error().message;
  EXPECT_EQ(testing::sqlite3_cli(dir.db(), "SELECT max(version) FROM schema_version"), "2\n");
  ASSERT_TRUE((*db)->append_audit({"", "cli", "trust.note", "a trust-wide entry"}));
  auto check = (*db)->verify_audit();
  ASSERT_TRUE(check);
  EXPECT_TRUE(check->intact);
  EXPECT_EQ(check->entries, 2);
  EXPECT_EQ((*db)->audit_entries("school-a")->size(), 1u);
  EXPECT_EQ((*db)->find_school("school-a").value()->trust_id, "");
  EXPECT_FALSE(testing::sqlite3_cli(dir.db(), "DELETE FROM audit_log WHERE seq = 1"));
}

}  // namespace
}  // namespace smpolicy::store
