#include <gtest/gtest.h>

#include "policy/policy.hpp"

namespace smpolicy {
namespace {

// A pack small enough to read at a glance; tests append rules to it.
constexpr const char* k_head = R"([pack]
id = "mini"
title = "Mini policy"

[timetable]
hours = "09:00-15:00"
breaks = ["12:00-12:45"]

[[clause]]
id = "1"
section = "Scope"
says = "Covers all staff."
informational = true

[[clause]]
id = "2"
section = "Contact"
says = "No personal contact with pupils."

[[rule]]
id = "fallback"
on = "any"
when = "always"
outcome = "allow"
severity = "info"
clauses = ["1"]
message = "Nothing here conflicts with the policy."
fallback = true
)";

std::string with_rule(const std::string& when, const std::string& extra = "") {
  return std::string(k_head) + "\n[[rule]]\nid = \"r\"\non = \"contact\"\nwhen = \"" + when +
         "\"\noutcome = \"breach\"\nseverity = \"serious\"\nclauses = [\"2\"]\nmessage = \"m\"\nadvice = \"a\"\n" + extra;
}

TEST(PackReader, LoadsMetadataTimetableClausesAndRules) {
  auto pack = parse_pack(with_rule("counterpart.role is pupil"), "mini.toml");
  ASSERT_TRUE(pack) << pack.error().message;
  const Pack& p = **pack;
  EXPECT_EQ(p.info.id, "mini");
  EXPECT_EQ(p.timetable.start, 9 * 60);
  EXPECT_EQ(p.timetable.breaks.size(), 1u);
  EXPECT_EQ(p.timetable.zone.name(), "Europe/London");
  EXPECT_EQ(p.clauses.size(), 2u);
  EXPECT_EQ(p.by_kind[static_cast<int>(Kind::contact)].size(), 2u);  // the rule and the fallback
  EXPECT_EQ(p.by_kind[static_cast<int>(Kind::post)].size(), 1u);
}

TEST(PackReader, ConditionErrorsPointIntoTheCondition) {
  struct Row { std::string when, message; };
  // The condition string starts at column 8 of line 33 (`when = "`), so offset k is column 9 + k.
  for (const auto& row : std::vector<Row>{
           {"counterpart.role is pupl", "mini.toml:33:29: rule 'r' (contact): 'pupl' is not a value of counterpart.role (pupil, former_pupil, parent, colleague, family, public)"},
           {"counterpart.rank is pupil", "mini.toml:33:9: rule 'r' (contact): 'counterpart.rank' is not a field of contact events"},
           {"counterpart.age < old", "mini.toml:33:27: rule 'r' (contact): expected a number after <"},
           {"counterpart.role is pupil and", "mini.toml:33:38: rule 'r' (contact): expected a field name"},
           {"(counterpart.role is pupil", "mini.toml:33:35: rule 'r' (contact): expected ')'"},
           {"findings includes language", "mini.toml:33:9: rule 'r' (contact): 'findings' is not a field of contact events"},
           {"period is lunchtime", "mini.toml:33:19: rule 'r' (contact): 'lunchtime' is not a value of period (work_time, break, outside_hours)"},
           {"time is work_time", "mini.toml:33:14: rule 'r' (contact): time is a time: test `period` or `day`, or whether it is missing or given"},
       }) {
    auto pack = parse_pack(with_rule(row.when), "mini.toml");
    ASSERT_FALSE(pack) << row.when;
    EXPECT_EQ(pack.error().message, row.message) << row.when;
  }
}

TEST(PackReader, ReportsEveryProblemAtOnceAndNeverLoadsHalfway) {
  std::string text = with_rule("counterpart.role is pupil", "duties = [{ action = \"shout\", who = \"staff\" }]\n") +
                     "\n[[rule]]\nid = \"r\"\non = \"meeting\"\nwhen = \"always\"\noutcome = \"maybe\"\nseverity = \"info\"\nclauses = [\"9\"]\nmessage = \"m\"\n";
  auto pack = parse_pack(text, "bad.toml");
  ASSERT_FALSE(pack);
  const std::string& m = pack.error().message;
  EXPECT_NE(m.find("bad.toml:39:11: 'shout' is not a duty action"), std::string::npos) << m;
  EXPECT_NE(m.find("rule 'r' appears twice"), std::string::npos) << m;
  EXPECT_NE(m.find("'meeting' is not an event kind"), std::string::npos) << m;
  EXPECT_NE(m.find("outcome is allow, advise, needs_permission or breach"), std::string::npos) << m;
  EXPECT_NE(m.find("cites '9', which is not a clause of this pack"), std::string::npos) << m;
}

TEST(PackReader, EveryKindNeedsAnUnconditionalFallback) {
  std::string text = k_head;
  text.replace(text.find("on = \"any\""), 10, "on = \"post\"");
  auto pack = parse_pack(text, "mini.toml");
  ASSERT_FALSE(pack);
  EXPECT_NE(pack.error().message.find("no fallback rule covers contact, web_access"), std::string::npos) << pack.error().message;
}

TEST(PackReader, TomlSyntaxErrorsNameLineAndColumn) {
  auto pack = parse_pack("[pack]\nid = \"x\nsays = 1\n", "broken.toml");
  ASSERT_FALSE(pack);
  EXPECT_TRUE(pack.error().message.starts_with("broken.toml:2:")) << pack.error().message;
}

TEST(PackReader, UnknownTimeZoneAndBadHoursAreErrors) {
  std::string text = k_head;
  text.replace(text.find("hours = \"09:00-15:00\""), 21, "hours = \"15:00-09:00\"\ntime_zone = \"Mars/Olympus\"");
  auto pack = parse_pack(text, "mini.toml");
  ASSERT_FALSE(pack);
  EXPECT_NE(pack.error().message.find("unknown time zone 'Mars/Olympus'"), std::string::npos);
  EXPECT_NE(pack.error().message.find("hours '15:00-09:00' must be HH:MM-HH:MM"), std::string::npos);
}

TEST(PackReader, TermDatesAreReadAndABadOneIsNamedWhereItIs) {
  std::string text = k_head;
  const std::string at = "breaks = [\"12:00-12:45\"]";
  text.replace(text.find(at), at.size(), at + "\nterms = [\"2026-09-03/2026-10-23\", \"2026-11-02/2026-12-18\"]");
  auto pack = parse_pack(text, "mini.toml");
  ASSERT_TRUE(pack) << pack.error().message;
  ASSERT_EQ((*pack)->timetable.terms.size(), 2u);
  EXPECT_EQ((*pack)->timetable.terms[1].first, parse_date("2026-11-02").value());

  text.replace(text.find("2026-11-02/2026-12-18"), 21, "2026-12-18/2026-11-02");
  auto bad = parse_pack(text, "mini.toml");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("mini.toml:8:"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("ends before it starts"), std::string::npos) << bad.error().message;
}

TEST(PackReader, ASchoolsOwnIdentityAndTermsReplaceThePacks) {
  auto school = parse_school_identity("[school]\nnames = [\"Hillside Primary\"]\nterms = [\"2026-09-03/2026-10-23\"]\n", "hillside.toml");
  ASSERT_TRUE(school) << school.error().message;
  auto pack = parse_pack(with_rule("counterpart.role is pupil") + "\n[school]\nnames = [\"Mini School\"]\nphones = [\"01632 960000\"]\n", "mini.toml");
  ASSERT_TRUE(pack) << pack.error().message;
  adopt_identity(**pack, *school);
  EXPECT_EQ((*pack)->school.names, std::vector<std::string>{"Hillside Primary"});
  EXPECT_TRUE((*pack)->school.phones.empty()) << "another school's phone stayed";
  ASSERT_EQ((*pack)->timetable.terms.size(), 1u);
  auto wrong = parse_school_identity("[school]\nterms = [\"autumn\"]\n", "hillside.toml");
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message.find("hillside.toml:2:"), std::string::npos) << wrong.error().message;
}

TEST(Coverage, CountsClausesByRulesAndInformational) {
  auto pack = parse_pack(with_rule("counterpart.role is pupil"), "mini.toml");
  ASSERT_TRUE(pack);
  auto c = coverage_of(**pack);
  EXPECT_EQ(c.total, 2);
  EXPECT_EQ(c.informational, 1);
  EXPECT_EQ(c.with_rules, 2);
  EXPECT_TRUE(c.uncovered.empty());
  EXPECT_TRUE(lint(**pack).empty());
}

TEST(Lint, WarnsAboutAClauseNoRuleCites) {
  std::string text = k_head;
  auto pack = parse_pack(text, "mini.toml");
  ASSERT_TRUE(pack);
  auto warnings = lint(**pack);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "mini.toml:15: clause 2 obliges someone but no rule cites it (add a rule, or mark it informational)");
}

TEST(Catalog, CategoriesFollowParentDomainsAndPackOverrides) {
  auto pack = parse_pack(std::string(k_head) + "\n[sites]\n\"intranet.school.example\" = \"education\"\n", "mini.toml");
  ASSERT_TRUE(pack) << pack.error().message;
  EXPECT_EQ((*pack)->category_of("www.facebook.com"), "social_media");
  EXPECT_EQ((*pack)->category_of("static.xx.fbcdn.net:443"), "social_media");
  EXPECT_EQ((*pack)->category_of("en.wikipedia.org"), "encyclopaedia");
  EXPECT_EQ((*pack)->category_of("docs.intranet.school.example"), "education");
  EXPECT_EQ((*pack)->category_of("example.net"), "uncategorised");
  EXPECT_EQ(builtin_catalog().platform("Twitter")->name, "x");
}

}  // namespace
}  // namespace smpolicy
