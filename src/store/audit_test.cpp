#include <gtest/gtest.h>

#include <thread>

#include "store/store.hpp"
#include "store/test_support.hpp"

namespace smpolicy::store {
namespace {

class AuditTest : public testing::BackendTest {
 protected:
  // A store with one school and `count` entries in all (the creation included).
  std::unique_ptr<Store> store_with_entries(int count) {
    auto db = backend->open();
    auto school = db->create_school({"School A", "salterlee-2017"}, "test");
    for (int i = 2; i <= count; ++i) {
      auto e = db->append_audit({school->id, "staff:jsmith", "note", "entry " + std::to_string(i),
                                 "{\"n\":" + std::to_string(i) + "}"});
      EXPECT_TRUE(e) << e.error().message;
    }
    return db;
  }
};
SMPOLICY_STORE_BACKENDS(AuditTest);

TEST_P(AuditTest, EntriesAreChainedAndVerify) {
  auto db = store_with_entries(4);
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

TEST_P(AuditTest, TwoConnectionsTakingTurnsKeepOneChain) {
  auto first = store_with_entries(1);
  auto second = backend->open();
  for (int i = 0; i < 6; ++i) {
    Store& db = i % 2 ? *second : *first;
    ASSERT_TRUE(db.append_audit({"school-a", "test", "note", std::to_string(i)}));
  }
  auto check = second->verify_audit();
  ASSERT_TRUE(check);
  EXPECT_TRUE(check->intact);
  EXPECT_EQ(check->entries, 7);
}

// Writers in several threads, each with its own connection as the server has, append at
// once: the lock taken by every write keeps one chain with no gap and no fork.
TEST_P(AuditTest, ConcurrentWritersKeepOneChain) {
  store_with_entries(1);
  constexpr int k_writers = 4, k_each = 10;
  std::vector<std::thread> writers;
  std::atomic<int> failures = 0;
  for (int w = 0; w < k_writers; ++w) {
    writers.emplace_back([&, w] {
      auto db = backend->try_open();
      if (!db) return void(++failures);
      for (int i = 0; i < k_each; ++i) {
        auto e = (*db)->append_audit({"school-a", "writer:" + std::to_string(w), "note", std::to_string(i)});
        if (!e) ++failures;
      }
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(failures, 0);
  auto check = backend->open()->verify_audit();
  ASSERT_TRUE(check);
  EXPECT_TRUE(check->intact) << check->why << " at " << check->broken_at;
  EXPECT_EQ(check->entries, 1 + k_writers * k_each);
}

TEST_P(AuditTest, EntriesOfNoSchoolJoinTheChainButNoSchoolsLog) {
  auto db = store_with_entries(2);
  auto trust = db->append_audit({"", "cli", "trust.create", "north-trust"});
  ASSERT_TRUE(trust) << trust.error().message;
  EXPECT_EQ(trust->school_id, "");
  EXPECT_EQ(db->audit_entries("school-a")->size(), 2u);
  EXPECT_TRUE(db->audit_entries("")->empty());
  auto check = db->verify_audit();
  EXPECT_TRUE(check->intact);
  EXPECT_EQ(check->entries, 3);
}

TEST_P(AuditTest, TriggersRefuseUpdateAndDelete) {
  if (!backend->have_cli()) GTEST_SKIP() << "no command-line client for this back end";
  store_with_entries(3);
  EXPECT_FALSE(backend->cli("UPDATE audit_log SET actor = 'x' WHERE seq = 2"));
  EXPECT_FALSE(backend->cli("DELETE FROM audit_log WHERE seq = 2"));
  EXPECT_TRUE(backend->open()->verify_audit()->intact);
}

// An attacker with the database drops the triggers first, then edits; each row is one
// attack on a five-entry log and the first broken link it must be reported as.
struct Tampering {
  std::string sql;
  std::int64_t broken_at;
  std::string why;
};

TEST_P(AuditTest, TamperingIsReportedAtTheFirstBrokenLink) {
  if (!backend->have_cli()) GTEST_SKIP() << "no command-line client for this back end";
  const Tampering rows[] = {
      {"UPDATE audit_log SET actor = 'staff:someone-else' WHERE seq = 3", 3, "content changed"},
      {"UPDATE audit_log SET details = '{}' WHERE seq = 5", 5, "content changed"},
      {"DELETE FROM audit_log WHERE seq = 2", 2, "entry missing"},
      {"DELETE FROM audit_log WHERE seq = 1", 1, "entry missing"},
  };
  for (const Tampering& row : rows) {
    backend = std::make_unique<testing::Backend>(GetParam());
    store_with_entries(5);
    ASSERT_TRUE(backend->cli(backend->drop_audit_triggers() + row.sql)) << row.sql;
    auto check = backend->open()->verify_audit();
    ASSERT_TRUE(check);
    EXPECT_FALSE(check->intact) << row.sql;
    EXPECT_EQ(check->broken_at, row.broken_at) << row.sql;
    EXPECT_EQ(check->why, row.why) << row.sql;
    EXPECT_EQ(check->entries, row.broken_at - 1) << row.sql;
  }
}

TEST_P(AuditTest, ARowRewrittenWithAFreshHashBreaksTheNextLink) {
  auto entries = *store_with_entries(4)->audit_entries("school-a");
  entries[1].actor = "staff:someone-else";
  entries[1].hash = audit_hash(entries[1]);
  auto check = verify_chain(entries);
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.broken_at, 3);
  EXPECT_EQ(check.why, "chain reordered");
}

TEST_P(AuditTest, SwappedEntriesAreReportedAsReordered) {
  auto entries = *store_with_entries(4)->audit_entries("school-a");
  // Renumber two whole entries as each other, rehashing so each looks whole alone.
  std::swap(entries[1], entries[2]);
  entries[1].seq = 2, entries[2].seq = 3;
  for (auto* e : {&entries[1], &entries[2]}) e->hash = audit_hash(*e);
  auto check = verify_chain(entries);
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.broken_at, 2);
  EXPECT_EQ(check.why, "chain reordered");
}

TEST_P(AuditTest, TheCheckNamesTheNewestEntryAsItsHead) {
  auto db = store_with_entries(4);
  auto entries = *db->audit_entries("school-a");
  auto check = db->verify_audit();
  ASSERT_TRUE(check);
  EXPECT_EQ(check->head_seq, 4);
  EXPECT_EQ(check->head_hash, entries.back().hash);
  auto entry = db->audit_entry(2);
  ASSERT_TRUE(entry && *entry);
  EXPECT_EQ((*entry)->hash, entries[1].hash);
  EXPECT_FALSE(*db->audit_entry(9));
}

TEST_P(AuditTest, ANotedHeadStillHoldsAsTheLogGrows) {
  auto db = store_with_entries(3);
  auto check = db->verify_audit();
  AuditAnchor noted{check->head_seq, check->head_hash};
  ASSERT_TRUE(db->append_audit({"school-a", "test", "note", "later"}));
  auto later = verify_audit_against(*db, noted);
  ASSERT_TRUE(later);
  EXPECT_TRUE(later->intact) << later->why;
  EXPECT_EQ(later->entries, 4);
  EXPECT_EQ(later->head_seq, 4);
}

// The chain alone cannot show that its newest entries went, or that its end was rebuilt:
// what is left is a whole chain. Against the head noted before, it can. Each row is one
// attack on a five-entry log whose head was noted, then a check of what it leaves.
struct AgainstTheHead {
  std::string sql;
  bool append_after;  // a fresh entry written after the attack, as a rebuilt end would be
  std::int64_t broken_at;
  std::string why;
};

TEST_P(AuditTest, RemovedOrRebuiltNewestEntriesAreFoundAgainstTheNotedHead) {
  if (!backend->have_cli()) GTEST_SKIP() << "no command-line client for this back end";
  const AgainstTheHead rows[] = {
      {"DELETE FROM audit_log WHERE seq >= 4", false, 4,
       "entries removed: the log ends at entry 3 but entry 5 was noted"},
      {"DELETE FROM audit_log WHERE seq = 5", true, 5, "chain rebuilt: entry 5 is not the one noted"},
  };
  for (const AgainstTheHead& row : rows) {
    backend = std::make_unique<testing::Backend>(GetParam());
    auto check = *store_with_entries(5)->verify_audit();
    AuditAnchor noted{check.head_seq, check.head_hash};
    ASSERT_TRUE(backend->cli(backend->drop_audit_triggers() + row.sql)) << row.sql;
    auto db = backend->open();
    if (row.append_after) {
      ASSERT_TRUE(db->append_audit({"school-a", "staff:someone-else", "note", "a kinder end"}));
    }
    EXPECT_TRUE(db->verify_audit()->intact) << row.sql;
    auto against = verify_audit_against(*db, noted);
    ASSERT_TRUE(against) << row.sql;
    EXPECT_FALSE(against->intact) << row.sql;
    EXPECT_EQ(against->broken_at, row.broken_at) << row.sql;
    EXPECT_EQ(against->why, row.why) << row.sql;
  }
}

TEST(Audit, ANotedHeadIsReadAsSeqColonHash) {
  std::string hash(64, 'a');
  auto read = parse_audit_anchor("12:" + hash);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->seq, 12);
  EXPECT_EQ(read->hash, hash);
  for (const std::string& bad : std::vector<std::string>{"", "12", ":" + hash, "0:" + hash, "-1:" + hash, "x:" + hash,
                          "12:" + hash.substr(1), "12:" + std::string(64, 'A'), "1 2:" + hash}) {
    auto r = parse_audit_anchor(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_NE(r.error().message.find("SEQ:HASH"), std::string::npos) << r.error().message;
  }
}

TEST(Audit, HashCoversEveryFieldWithLengthPrefixes) {
  AuditEntry base{1, "school-a", "2026-03-03T10:15:00+00:00", "cli", "note", "ab", "{}", genesis_hash(), ""};
  std::string h = audit_hash(base);
  EXPECT_EQ(h.size(), 64u);
  for (std::string AuditEntry::*field :
       {&AuditEntry::school_id, &AuditEntry::time, &AuditEntry::actor, &AuditEntry::action,
        &AuditEntry::subject, &AuditEntry::details_json, &AuditEntry::prev_hash}) {
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

}  // namespace
}  // namespace smpolicy::store
