#include <gtest/gtest.h>

#include <algorithm>

#include "policy/policy.hpp"

namespace smpolicy {
namespace {

constexpr const char* k_pack = R"([pack]
id = "groups"
title = "Grouped rules"

[[clause]]
id = "1"
section = "Scope"
says = "Covers all staff."

[[rule]]
id = "swearing"
on = "post"
when = "account is personal and findings includes language.profanity"
outcome = "breach"
severity = "serious"
clauses = ["1"]
message = "m"

[[rule]]
id = "official"
on = "post"
when = "account is official"
outcome = "advise"
severity = "minor"
clauses = ["1"]
message = "m"

[[rule]]
id = "post-fallback"
on = "post"
when = "always"
outcome = "allow"
severity = "info"
clauses = ["1"]
message = "m"
fallback = true

[[rule]]
id = "fallback"
on = "any"
when = "always"
outcome = "allow"
severity = "info"
clauses = ["1"]
message = "m"
fallback = true
)";

const RuleGroup& group(const Pack& pack, RulePass pass) {
  return pack.groups[static_cast<std::size_t>(Kind::post)][static_cast<std::size_t>(pass)];
}

std::uint64_t bit_of(std::string_view kind) {
  auto known = finding_kinds();
  return static_cast<std::uint64_t>(std::find(known.begin(), known.end(), kind) - known.begin());
}

TEST(RuleGroups, EachPassHoldsItsRulesInThePacksOrder) {
  auto pack = parse_pack(k_pack, "groups.toml");
  ASSERT_TRUE(pack) << pack.error().message;
  const RuleGroup& rules = group(**pack, RulePass::rules);
  ASSERT_EQ(rules.rules.size(), 2u);
  EXPECT_EQ(rules.rules[0]->rule->id, "swearing");
  EXPECT_EQ(rules.rules[1]->rule->id, "official");
  ASSERT_EQ(group(**pack, RulePass::kind_fallbacks).rules.size(), 1u);
  EXPECT_EQ(group(**pack, RulePass::kind_fallbacks).rules[0]->rule->id, "post-fallback");
  ASSERT_EQ(group(**pack, RulePass::any_fallbacks).rules.size(), 1u);
  EXPECT_EQ(group(**pack, RulePass::any_fallbacks).rules[0]->rule->id, "fallback");
}

TEST(RuleGroups, RulesAreFiledByTheFindingsTheyNeed) {
  auto pack = parse_pack(k_pack, "groups.toml");
  ASSERT_TRUE(pack) << pack.error().message;
  const RuleGroup& rules = group(**pack, RulePass::rules);
  ASSERT_EQ(rules.words, 1u);
  EXPECT_EQ(rules.without[0], 0b10u);  // "official" needs no finding
  EXPECT_EQ(rules.needing[bit_of("language.profanity")], 0b01u);
  EXPECT_EQ(rules.needing[bit_of("language.slur")], 0u);
}

TEST(RuleGroups, AValueOfTheMostGatedFieldRulesOutTheRulesItFails) {
  auto pack = parse_pack(k_pack, "groups.toml");
  ASSERT_TRUE(pack) << pack.error().message;
  const RuleGroup& rules = group(**pack, RulePass::rules);
  const KindSpec& spec = spec_of(Kind::post);
  ASSERT_EQ(rules.gated_slot, spec.slot("account"));
  EXPECT_FALSE(rules.gated_boolean);
  const auto& choices = spec.fields[static_cast<std::size_t>(rules.gated_slot)].choices;
  auto code = [&](std::string_view word) {
    return static_cast<std::size_t>(std::find(choices.begin(), choices.end(), word) - choices.begin());
  };
  EXPECT_EQ(rules.failing[code("personal")], 0b10u);
  EXPECT_EQ(rules.failing[code("official")], 0b01u);
  EXPECT_EQ(group(**pack, RulePass::any_fallbacks).gated_slot, -1);  // "always" has no gate
}

// Rules on a post's period, which a post without a time lacks: those that skip on unknown
// are ruled out by its absence, and the cautious one, which fires, is not.
constexpr const char* k_period_pack = R"([pack]
id = "periods"
title = "Rules on the period"

[[clause]]
id = "1"
says = "Working time."

[[rule]]
id = "work-time"
on = "post"
when = "period is work_time"
outcome = "advise"
severity = "minor"
clauses = ["1"]
message = "m"
when_unknown = "skip"

[[rule]]
id = "work-time-cautious"
on = "post"
when = "period is work_time"
outcome = "advise"
severity = "minor"
clauses = ["1"]
message = "m"

[[rule]]
id = "break-time"
on = "post"
when = "account is personal and period is break"
outcome = "advise"
severity = "minor"
clauses = ["1"]
message = "m"
when_unknown = "skip"

[[rule]]
id = "fallback"
on = "any"
when = "always"
outcome = "allow"
severity = "info"
clauses = ["1"]
message = "m"
fallback = true
)";

TEST(RuleGroups, AFieldAnEventMayLackRulesOutTheRulesThatSkipWithoutIt) {
  auto pack = parse_pack(k_period_pack, "periods.toml");
  ASSERT_TRUE(pack) << pack.error().message;
  const RuleGroup& rules = group(**pack, RulePass::rules);
  ASSERT_EQ(rules.absent_slot, spec_of(Kind::post).slot("period"));
  EXPECT_EQ(rules.failing_absent[0], 0b101u);
  // An account is required, so never absent; no rule of the first pack skips on unknown.
  auto first = parse_pack(k_pack, "groups.toml");
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(group(**first, RulePass::rules).absent_slot, -1);
}

}  // namespace
}  // namespace smpolicy
