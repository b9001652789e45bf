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
  EXPECT_EQ(g.needs[0].findings, bit_of("school.name"));
  EXPECT_EQ(g.needs[1].findings, bit_of("staff_cue") | bit_of("topic.internal"));
  EXPECT_FALSE(g.needs[2].any());
  EXPECT_EQ(g.forbids_findings, bit_of("disclaimer"));
  EXPECT_EQ(g.fields[0].slot, spec_of(Kind::post).slot("account"));
  EXPECT_NE(g.fields[0].allowed, 0u);
  EXPECT_EQ(g.fields[1].slot, -1);
  EXPECT_TRUE(g.complete);
  EXPECT_TRUE(gate("always").complete);
}

TEST(ConditionGate, LeavesOutWhatIsNotDemandedOutright) {
  // Under "or" or "not", no test is demanded by itself.
  auto g = gate("account is official or findings includes school.name");
  EXPECT_FALSE(g.needs[0].any());
  EXPECT_FALSE(g.complete);
  EXPECT_EQ(g.fields[0].slot, -1);
  g = gate("not (account is official)");
  EXPECT_EQ(g.fields[0].slot, -1);
  // "is not" a choice passes a value outside the choices, which a gate cannot tell.
  g = gate("account is not official");
  EXPECT_EQ(g.fields[0].slot, -1);
  EXPECT_FALSE(g.complete);
}

TEST(ConditionGate, EitherSideOfAnOrNeedsSomething) {
  auto g = gate("account is personal and ( images.shows includes any of [premises, pupil] or findings includes "
                "person.pupil or findings includes personal_data and findings includes person )");
  auto shows = std::uint32_t{1} << spec_of(Kind::post).slot("images.shows");
  EXPECT_EQ(g.needs[0].lists, shows);
  EXPECT_NE(g.needs[0].findings & bit_of("person.pupil"), 0u);
  EXPECT_NE(g.needs[0].findings & bit_of("personal_data.phone"), 0u);
  EXPECT_FALSE(g.complete);
  // An "or" with a side that needs nothing in particular needs nothing.
  g = gate("findings includes person.pupil or account is official");
  EXPECT_FALSE(g.needs[0].any());
}

TEST(ConditionGate, ABooleanAllowsOneValue) {
  auto g = gate("pictured.without_consent is true and pictured.restricted is not true");
  EXPECT_EQ(g.fields[0].allowed, 2u);  // true
  EXPECT_EQ(g.fields[1].allowed, 1u);  // false
  EXPECT_TRUE(g.fields[0].boolean);
  EXPECT_TRUE(g.complete);
}

// Beside field tests, an "or" whose first part tried is a findings test is met by a
// finding of that test's kinds; anything else leaves it to be evaluated.
TEST(ConditionGate, AnOrTriedFirstByAFindingsTestIsMetByOneOfItsKinds) {
  auto g = gate("account is personal and ( findings includes any of [person.pupil, person.parent] or findings includes "
                "personal_data and findings includes person )");
  EXPECT_FALSE(g.complete);
  EXPECT_EQ(g.sufficient, bit_of("person.pupil") | bit_of("person.parent"));
  // Down through the "or"s on the left.
  EXPECT_EQ(gate("( findings includes staff_cue or findings includes link ) or findings includes topic.health").sufficient,
            bit_of("staff_cue"));
  // Another part testing findings might name the evidence first.
  EXPECT_EQ(gate("findings includes school.name and ( findings includes person.pupil or account is official )").sufficient, 0u);
  // The "or" tries something else first.
  EXPECT_EQ(gate("account is personal and ( findings includes personal_data and findings includes person or findings "
                 "includes person.pupil )").sufficient, 0u);
  // A second part the gate does not hold.
  EXPECT_EQ(gate("platform is \"x\" and ( findings includes person.pupil or findings includes link )").sufficient, 0u);
  EXPECT_EQ(gate("account is personal and findings includes person.pupil").sufficient, 0u);  // complete
}

}  // namespace
}  // namespace smpolicy
