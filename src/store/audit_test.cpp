#include <gtest/gtest.h>

#include "store/store.hpp"
#include "store/test_support.hpp"

namespace smpolicy::store {
namespace {

using testing::open_store;
using testing::TempDir;

// A store with one school and `count` entries in all (the creation included).
std::unique_ptr<Store> store_with_entries(const TempDir& dir, int count) {
  auto db = open_store(dir);
  auto school = db->create_school({"School A", "salterlee-2017"}, "test");
  for (int i = 2; i <= count; ++i) {
    auto e = db->append_audit({school->id, "staff:jsmith", "note", "entry " + std::to_string(i),
                               "{\"n\":" + std::to_string(i) + "}"});
    EXPECT_TRUE(e) << e.error().message;
  }
  return db;
}

TEST(Audit, EntriesAreChainedAndVerify) {
  TempDir dir;
  auto db = store_with_entries(dir, 4);
  auto entries = db->audit_entries("school-a");
  ASSERT_EQ(entries->size(), 4u);
  EXPECT_EQ(entries->front().prev_hash, genesis_hash());
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const AuditEntry& e = (*entries)[i];
    EXPECT_EQ(e.seq, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(e.time, "2026-03-03T10:15:00+00:00");
    EXPECT_EQ(e.hash, audit_hash(e));
    if (i > 0) {
      EXPECT_EQ(e.prev_hash, (*entries)[i - 1].hash);
    }
  }
  auto check = db->verify_audit();
  ASSERT_TRUE(check);
  EXPECT_TRUE(check->intact);
  EXPECT_EQ(check->entries, 4);
}

TEST(Audit, TwoConnectionsTakingTurnsKeepOneChain) {
  TempDir dir;
  auto first = store_with_entries(dir, 1);
  auto second = open_store(dir);
  for (int i = 0; i < 6; ++i) {
    Store& db = i % 2 ? *second : *first;
    ASSERT_TRUE(db.append_audit({"school-a", "test", "note", std::to_string(i)}));
  }
  auto check = second->verify_audit();
  ASSERT_TRUE(check);
  EXPECT_TRUE(check->intact);
  EXPECT_EQ(check->entries, 7);
}

TEST(Audit, HashCoversEveryFieldWithLengthPrefixes) {
  AuditEntry base{1, "school-a", "2026-03-03T10:15:00+00:00", "cli", "note", "ab", "{}",
                  genesis_hash(), ""};
  std::string h = audit_hash(base);
  EXPECT_EQ(h.size(), 64u);
  for (std::string AuditEntry::*field : {&AuditEntry::school_id, &AuditEntry::time,
                                         &AuditEntry::actor, &AuditEntry::action,
                                         &AuditEntry::subject, &AuditEntry::details_json,
                                         &AuditEntry::prev_hash}) {
    AuditEntry changed = base;
    changed.*field += "x";
    EXPECT_NE(audit_hash(changed), h);
  }
  AuditEntry moved = base;
  moved.action = "notea", moved.subject = "b";  // same bytes, different split
  EXPECT_NE(audit_hash(moved), h);
  moved = base, moved.seq = 2;
  EXPECT_NE(audit_hash(moved), h);
}

TEST(Audit, TriggersRefuseUpdateAndDelete) {
  if (!testing::have_sqlite3_cli()) GTEST_SKIP() << "sqlite3 CLI not installed";
  TempDir dir;
  store_with_entries(dir, 3);
  EXPECT_FALSE(testing::sqlite3_cli(dir.db(), "UPDATE audit_log SET actor = 'x' WHERE seq = 2"));
  EXPECT_FALSE(testing::sqlite3_cli(dir.db(), "DELETE FROM audit_log WHERE seq = 2"));
  EXPECT_TRUE(open_store(dir)->verify_audit()->intact);
}

// An attacker with the file drops the triggers first, then edits; each row is one
// attack on a five-entry log and the first broken link it must be reported as.
struct Tampering {
  std::string sql;
  std::int64_t broken_at;
  std::string why;
};

TEST(Audit, TamperingIsReportedAtTheFirstBrokenLink) {
  if (!testing::have_sqlite3_cli()) GTEST_SKIP() << "sqlite3 CLI not installed";
  const Tampering rows[] = {
      {"UPDATE audit_log SET actor = 'staff:someone-else' WHERE seq = 3", 3, "content changed"},
      {"UPDATE audit_log SET details = '{}' WHERE seq = 5", 5, "content changed"},
      {"DELETE FROM audit_log WHERE seq = 2", 2, "entry missing"},
      {"DELETE FROM audit_log WHERE seq = 1", 1, "entry missing"},
  };
  for (const Tampering& row : rows) {
    TempDir dir;
    store_with_entries(dir, 5);
    auto attack = "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; " + row.sql;
    ASSERT_EQ(std::system(("sqlite3 '" + dir.db().string() + "' \"" + attack + "\"").c_str()), 0);
    auto check = open_store(dir)->verify_audit();
    ASSERT_TRUE(check);
    EXPECT_FALSE(check->intact) << row.sql;
    EXPECT_EQ(check->broken_at, row.broken_at) << row.sql;
    EXPECT_EQ(check->why, row.why) << row.sql;
    EXPECT_EQ(check->entries, row.broken_at - 1) << row.sql;
  }
}

TEST(Audit, ARowRewrittenWithAFreshHashBreaksTheNextLink) {
  TempDir dir;
  auto entries = *store_with_entries(dir, 4)->audit_entries("school-a");
  entries[1].actor = "staff:someone-else";
  entries[1].hash = audit_hash(entries[1]);
  auto check = verify_chain(entries);
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.broken_at, 3);
  EXPECT_EQ(check.why, "chain reordered");
}

TEST(Audit, SwappedEntriesAreReportedAsReordered) {
  TempDir dir;
  auto entries = *store_with_entries(dir, 4)->audit_entries("school-a");
  // Renumber two whole entries as each other, rehashing so each looks whole alone.
  std::swap(entries[1], entries[2]);
  entries[1].seq = 2, entries[2].seq = 3;
  for (auto* e : {&entries[1], &entries[2]}) e->hash = audit_hash(*e);
  auto check = verify_chain(entries);
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.broken_at, 2);
  EXPECT_EQ(check.why, "chain reordered");
}

}  // namespace
}  // namespace smpolicy::store
