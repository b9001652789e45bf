// decide's glance at a rule's gate (decide.cpp), beside decide_test.cpp: a rule the gate
// settles decides as evaluating it would.
#include <gtest/gtest.h>

#include "decide/decide.hpp"
#include "decide/decide_test_support.hpp"

namespace smpolicy {
namespace {

constexpr const char* k_pack = R"toml([pack]
id = "gate-test"
title = "Gate test policy"

[[clause]]
id = "1"
says = "General."

[[rule]]
id = "pupil-or-link"
on = "post"
when = "account is personal and (findings includes person.pupil or findings includes link)"
outcome = "advise"
severity = "minor"
clauses = ["1"]
message = "A pupil or a link."
)toml";

const Pack& pack() { return decide_test::pack_with_fallback(k_pack, "gate-test.toml"); }

Event post(const char* account) {
  return decide_test::event_of(std::string(R"({"kind":"post","text":"a b c","account":")") + account + "\"}");
}

Finding finding(std::string kind) { return Finding{std::move(kind), "text", 0, 4, 1.0f, ""}; }

// The one rule a verdict cites, or "" where it cites none or several.
std::string rule_of(const Verdict& v) { return v.findings.size() == 1 ? v.findings[0].rule->id : ""; }

// A rule the gate settles by the finding its "or" tries first decides as evaluating it
// would: the evidence is the first finding of that part's kinds, not the first of the
// condition's; without such a finding, or with a caller's own kind or a field missing,
// the rule is evaluated.
TEST(DecideGate, AFindingThatMeetsAnOrDecidesAsEvaluatingWould) {
  auto evidence = [](const std::vector<Finding>& found, const Event& e) {
    Verdict v = decide(e, found, pack(), nullptr);
    EXPECT_EQ(rule_of(v), "pupil-or-link");
    return v.findings.empty() ? -2 : v.findings[0].evidence;
  };
  EXPECT_EQ(evidence({finding("link"), finding("person.pupil")}, post("personal")), 1);
  EXPECT_EQ(evidence({finding("topic.health"), finding("link")}, post("personal")), 1);
  EXPECT_EQ(evidence({finding("person.pupil.extra"), finding("person.pupil")}, post("personal")), 0);
  Event unknown = post("personal");
  unknown.field("account").type = Value::Type::missing;
  Verdict v = decide(unknown, std::vector<Finding>{finding("person.pupil")}, pack(), nullptr);
  ASSERT_EQ(rule_of(v), "pupil-or-link");
  EXPECT_NE(v.findings[0].assumed, 0u);
  EXPECT_EQ(rule_of(decide(post("official"), std::vector<Finding>{finding("person.pupil")}, pack(), nullptr)),
            "general-fallback");
}

}  // namespace
}  // namespace smpolicy
