#include <gtest/gtest.h>

#include <algorithm>

#include "policy/condition.hpp"

namespace smpolicy {
namespace {

std::uint64_t bit_of(std::string_view kind) {
  auto known = finding_kinds();
  return std::uint64_t{1} << (std::find(known.begin(), known.end(), kind) - known.begin());
}

ConditionGate gate(std::string_view text) {
  auto c = condition::compile(text, Kind::post, {});
  EXPECT_TRUE(c) << text;
  return c ? c->gate : ConditionGate{};
}

TEST(ConditionGate, TakesEveryTestOfTheRootConjunction) {
  auto g = gate("account is personal and findings includes school.name and findings includes any of "
                "[staff_cue, topic.internal] and findings does not include disclaimer");
  EXPECT_EQ(g.needs_findings[0], bit_of("school.name"));
  EXPECT_EQ(g.needs_findings[1], bit_of("staff_cue") | bit_of("topic.internal"));
  EXPECT_EQ(g.needs_findings[2], 0u);
  EXPECT_EQ(g.forbids_findings, bit_of("disclaimer"));
  EXPECT_EQ(g.fields[0].slot, spec_of(Kind::post).slot("account"));
  EXPECT_NE(g.fields[0].allowed, 0u);
  EXPECT_EQ(g.fields[1].slot, -1);
}

TEST(ConditionGate, LeavesOutWhatIsNotDemandedOutright) {
  // Under "or" or "not", no test is demanded by itself.
  auto g = gate("account is official or findings includes school.name");
  EXPECT_EQ(g.needs_findings[0], 0u);
  EXPECT_EQ(g.fields[0].slot, -1);
  g = gate("not (account is official)");
  EXPECT_EQ(g.fields[0].slot, -1);
  // "is not" a choice passes a value outside the choices, which a gate cannot tell.
  g = gate("account is not official");
  EXPECT_EQ(g.fields[0].slot, -1);
}

TEST(ConditionGate, ABooleanAllowsOneValue) {
  auto g = gate("pictured.without_consent is true and pictured.restricted is not true");
  EXPECT_EQ(g.fields[0].allowed, 2u);  // true
  EXPECT_EQ(g.fields[1].allowed, 1u);  // false
}

}  // namespace
}  // namespace smpolicy
