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

constexpr const char* k_period_pack = R"toml([pack]
id = "period-test"
title = "Period test policy"

[[clause]]
id = "1"
says = "Working time."

[[rule]]
id = "work-time"
on = "post"
when = "account is personal and period is work_time"
outcome = "advise"
severity = "minor"
clauses = ["1"]
message = "Not in work time."
when_unknown = "skip"

[[rule]]
id = "general-fallback"
on = "any"
when = "always"
outcome = "allow"
severity = "info"
clauses = ["1"]
message = "Nothing conflicts."
fallback = true
)toml";

// A rule the absence of its field rules out (a post with no time has no period) is passed
// over as evaluating it would pass it over, and decided where the field is there.
TEST(DecideGate, ARuleThatSkipsWithoutAFieldIsPassedOverWhereTheFieldIsMissing) {
  static auto loaded = parse_pack(k_period_pack, "period-test.toml");
  ASSERT_TRUE(loaded) << loaded.error().message;
  auto rule_for = [](const char* members) {
    auto e = parse_event(std::string(R"({"kind":"post","text":"a b c","account":"personal")") + members + "}", 1);
    EXPECT_TRUE(e) << e.error().message;
    return e ? rule_of(decide(*e, {}, **loaded, nullptr)) : "";
  };
  EXPECT_EQ(rule_for(""), "general-fallback");
  EXPECT_EQ(rule_for(R"(,"time":"2025-03-04T10:00:00Z")"), "work-time");  // a Tuesday morning
  EXPECT_EQ(rule_for(R"(,"time":"2025-03-08T10:00:00Z")"), "general-fallback");  // a Saturday
}

}  // namespace
}  // namespace smpolicy
