#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include "decide/decide.hpp"

namespace smpolicy {
namespace {

constexpr const char* k_pack = R"toml([pack]
id = "test"
title = "Test policy"

[school]
email_domains = ["test.sch.uk"]

[[clause]]
id = "1"
says = "General."
[[clause]]
id = "2"
says = "Pupil contact."
[[clause]]
id = "3"
says = "Work time."
[[clause]]
id = "4"
says = "Language."
[[clause]]
id = "5"
says = "Photos."

[[rule]]
id = "pupil-contact"
on = "contact"
when = "counterpart.role is pupil and counterpart.related_to_staff is not true"
outcome = "breach"
severity = "serious"
clauses = ["2"]
message = "No contact with pupils."
advice = "Decline."
duties = [{ action = "decline", who = "staff" }, { action = "inform", who = "headteacher" }]

[[rule]]
id = "young-former-pupil"
on = "contact"
when = "counterpart.role is former_pupil and counterpart.age < 18"
outcome = "advise"
severity = "minor"
clauses = ["2"]
message = "Discouraged."
advice = "Think twice."
when_unknown = "skip"

[[rule]]
id = "social-in-lessons"
on = "web_access"
when = "category is social_media and period is work_time"
outcome = "breach"
severity = "minor"
clauses = ["3"]
message = "Not in work time."
advice = "Wait for lunch."
duties = [{ action = "inform", who = "headteacher" }]

[[rule]]
id = "swearing"
on = "post"
when = "findings includes language.profanity"
outcome = "advise"
severity = "minor"
clauses = ["4"]
message = "Mind your language."
advice = "Rephrase."
duties = [{ action = "inform", who = "headteacher" }]

[[rule]]
id = "slur"
on = "post"
when = "findings includes language.slur"
outcome = "breach"
severity = "gross"
clauses = ["4"]
message = "Discriminatory."
advice = "Do not post."

[[rule]]
id = "photo-consent"
on = "post"
when = "account is official and (pictured.without_consent is true or pictured.restricted is true)"
outcome = "breach"
severity = "serious"
clauses = ["5"]
message = "Consent."
advice = "Remove the pupil."

[[rule]]
id = "school-email"
on = "account"
when = "action is signup and email_is_school is true"
outcome = "breach"
severity = "minor"
clauses = ["1"]
message = "Use a personal address."
advice = "Sign up with a personal address."

[[rule]]
id = "under-age-site"
on = "site_creation"
when = "audience_below_platform_age is true"
outcome = "breach"
severity = "serious"
clauses = ["1"]
message = "Too young for the platform."
advice = "Choose another platform."

[[rule]]
id = "contact-fallback"
on = "contact"
when = "always"
outcome = "allow"
severity = "info"
clauses = ["2"]
message = "Contact is fine."
fallback = true

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

const Pack& pack() {
  static auto loaded = parse_pack(k_pack, "test.toml");
  EXPECT_TRUE(loaded) << loaded.error().message;
  return **loaded;
}

Event event(const std::string& json) {
  auto e = parse_event(json, 1);
  EXPECT_TRUE(e) << e.error().message;
  return *e;
}

Finding finding(std::string kind) { return Finding{std::move(kind), "text", 0, 4, 1.0f, ""}; }

std::vector<std::string> rules_of(const Verdict& v) {
  std::vector<std::string> ids;
  for (const auto& f : v.findings) ids.push_back(f.rule->id);
  return ids;
}

TEST(Decide, BreachOutranksAdvice) {
  auto post = event(R"({"kind":"post","account":"personal","text":"damn x"})");
  std::vector<Finding> found = {finding("language.profanity"), finding("language.slur")};
  Verdict v = decide(post, found, pack(), nullptr);
  EXPECT_EQ(v.outcome, Outcome::breach);
  EXPECT_EQ(rules_of(v), (std::vector<std::string>{"slur", "swearing"}));
  EXPECT_EQ(v.findings[1].evidence, 0);
}

TEST(Decide, RulesNeedingAFindingTheyLackArePassedOverAndNoOtherIs) {
  const auto& post_rules = pack().by_kind[static_cast<std::size_t>(Kind::post)];
  auto rule = [&](std::string_view id) {
    return *std::find_if(post_rules.begin(), post_rules.end(), [&](const auto& c) { return c.rule->id == id; });
  };
  EXPECT_NE(rule("swearing").when.needs_findings, 0u);
  EXPECT_EQ(rule("photo-consent").when.needs_findings, 0u);  // needs no finding in particular
  auto post = event(R"({"kind":"post","account":"personal","text":"damn x"})");
  EXPECT_EQ(rules_of(decide(post, std::vector<Finding>{finding("topic.health")}, pack(), nullptr)),
            (std::vector<std::string>{"general-fallback"}));
  // A finding of a kind the detectors never give (a caller's own) still reaches every rule.
  EXPECT_EQ(rules_of(decide(post, std::vector<Finding>{finding("language.profanity.mild")}, pack(), nullptr)),
            (std::vector<std::string>{"swearing"}));
}

// Rules the gate passes over are exactly those that could not fire: a field that rules a
// rule out when given leaves it to fire cautiously when missing.
TEST(Decide, TheGatePassesOverOnlyRulesThatCannotFire) {
  auto roster = parse_roster("id,role,given_name,family_name,restricted,photo_consent\npupil:1,pupil,Ann,Ash,true,print\n", "r.csv");
  ASSERT_TRUE(roster);
  const Roster& r = roster->roster;
  auto post = [](const char* account) {
    return event(std::string(R"({"kind":"post",)") + account + R"("images":[{"path":"a.jpg","people":["pupil:1"]}]})");
  };
  EXPECT_EQ(rules_of(decide(post(R"("account":"official",)"), {}, pack(), &r)), (std::vector<std::string>{"photo-consent"}));
  EXPECT_EQ(rules_of(decide(post(R"("account":"personal",)"), {}, pack(), &r)), (std::vector<std::string>{"general-fallback"}));
  // Required of input, but a caller building an event may leave it out.
  Event unknown = post(R"("account":"official",)");
  unknown.field("account").type = Value::Type::missing;
  Verdict v = decide(unknown, {}, pack(), &r);
  EXPECT_EQ(rules_of(v), (std::vector<std::string>{"photo-consent"}));
  auto missing = field_names(Kind::post, v.missing);
  EXPECT_NE(std::find(missing.begin(), missing.end(), "account"), missing.end());
}

TEST(Decide, EvidenceIsTheFirstFindingUnderTheTestWhateverItsKind) {
  const auto& post_rules = pack().by_kind[static_cast<std::size_t>(Kind::post)];
  auto swearing = std::find_if(post_rules.begin(), post_rules.end(), [](const auto& c) { return c.rule->id == "swearing"; });
  auto known = finding_kinds();
  auto profanity = std::find(known.begin(), known.end(), "language.profanity") - known.begin();
  EXPECT_EQ(swearing->when.nodes[0].test.kinds, std::uint64_t{1} << profanity);
  auto post = event(R"({"kind":"post","account":"personal","text":"damn x"})");
  // A caller's own kind (tested by its words) before one the detectors give (by its bit).
  std::vector<Finding> found = {finding("topic.health"), finding("language.profanity.mild"), finding("language.profanity")};
  Verdict v = decide(post, found, pack(), nullptr);
  ASSERT_EQ(rules_of(v), (std::vector<std::string>{"swearing"}));
  EXPECT_EQ(v.findings[0].evidence, 1);
  found.erase(found.begin() + 1);
  EXPECT_EQ(decide(post, found, pack(), nullptr).findings[0].evidence, 1);
}

TEST(Decide, MissingFieldFiresCautiouslyAndIsNamed) {
  Verdict v = decide(event(R"({"kind":"contact","action":"accept","counterpart":{"role":"pupil"}})"), {}, pack(), nullptr);
  EXPECT_EQ(v.outcome, Outcome::breach);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(field_names(Kind::contact, v.findings[0].assumed), (std::vector<std::string_view>{"counterpart.related_to_staff"}));
  EXPECT_NE(render_json(v, event("{\"kind\":\"contact\",\"action\":\"accept\",\"counterpart\":{\"role\":\"pupil\"}}"), {})
                .find("\"missing\":[\"counterpart.related_to_staff\"]"),
            std::string::npos);
}

TEST(Decide, FamilyIsNotPupilContact) {
  Verdict v = decide(event(R"({"kind":"contact","action":"accept","counterpart":{"role":"pupil","related_to_staff":true}})"), {}, pack(), nullptr);
  EXPECT_EQ(v.outcome, Outcome::allow);
  EXPECT_EQ(rules_of(v), (std::vector<std::string>{"contact-fallback"}));  // the specific fallback only
  EXPECT_EQ(v.missing, 0u);
}

TEST(Decide, WhenUnknownSkipDoesNotFire) {
  Verdict v = decide(event(R"({"kind":"contact","action":"accept","counterpart":{"role":"former_pupil"}})"), {}, pack(), nullptr);
  EXPECT_EQ(rules_of(v), (std::vector<std::string>{"contact-fallback"}));
}

TEST(Decide, UnknownDoesNotMatterWhenTheAnswerIsSettled) {
  // The role settles it: the missing related_to_staff is irrelevant.
  Verdict v = decide(event(R"({"kind":"contact","action":"accept","counterpart":{"role":"colleague"}})"), {}, pack(), nullptr);
  EXPECT_EQ(v.outcome, Outcome::allow);
  EXPECT_EQ(v.missing, 0u);
}

TEST(Decide, WorkTimeIsReadInTheSchoolsZoneAcrossSummerTime) {
  // Clocks go forward on Sunday 29 March 2026: the same UTC hour is 08:45 local on the
  // Friday before (lessons from 08:30) and 08:45 local on the Monday after only because
  // the offset changed.
  struct Row { const char* time; Outcome want; };
  for (const auto& row : std::vector<Row>{
           {"2026-03-27T08:45:00+00:00", Outcome::breach},  // Friday 08:45 GMT: lessons
           {"2026-03-27T08:15:00+00:00", Outcome::allow},   // Friday 08:15 GMT: before hours
           {"2026-03-30T07:45:00+00:00", Outcome::breach},  // Monday 08:45 BST: lessons
           {"2026-03-30T07:15:00+00:00", Outcome::allow},   // Monday 08:15 BST: before hours
           {"2026-03-30T11:30:00+00:00", Outcome::allow},   // 12:30 BST: lunch
           {"2026-03-30T10:30:00+00:00", Outcome::breach},  // 11:30 BST: lessons
           {"2026-03-30T15:30:00+00:00", Outcome::allow},   // 16:30 BST: hours have ended
           {"2026-03-28T10:30:00+00:00", Outcome::allow},   // Saturday
       }) {
    auto e = event(std::string(R"({"kind":"web_access","user":"u","host":"m.facebook.com","time":")") + row.time + "\"}");
    EXPECT_EQ(decide(e, {}, pack(), nullptr).outcome, row.want) << row.time;
  }
}

TEST(Decide, TermDatesMakeHolidaysOutsideHours) {
  auto with_terms = parse_pack(std::string(k_pack), "test.toml").value();
  with_terms->timetable.terms = {parse_date_span("2026-02-23/2026-03-27").value(), parse_date_span("2026-04-13/2026-07-22").value()};
  struct Row { const char* time; Outcome want; };
  for (const auto& row : std::vector<Row>{
           {"2026-03-27T10:30:00+00:00", Outcome::breach},  // the last day of term, in lessons
           {"2026-03-30T09:30:00+00:00", Outcome::allow},   // a Monday of the Easter holiday
           {"2026-04-10T09:30:00+00:00", Outcome::allow},   // the Friday before term starts
           {"2026-04-13T09:30:00+00:00", Outcome::breach},  // the first day of the new term
       }) {
    auto e = event(std::string(R"({"kind":"web_access","user":"u","host":"m.facebook.com","time":")") + row.time + "\"}");
    EXPECT_EQ(decide(e, {}, *with_terms, nullptr).outcome, row.want) << row.time;
    EXPECT_EQ(decide(e, {}, pack(), nullptr).outcome, Outcome::breach) << "without terms every weekday is term time";
  }
}

TEST(Decide, DutiesAreMergedAcrossFindings) {
  auto post = event(R"({"kind":"post","account":"personal","text":"damn"})");
  std::vector<Finding> found = {finding("language.profanity")};
  Verdict v = decide(post, found, pack(), nullptr);
  ASSERT_EQ(v.duties.size(), 1u);
  EXPECT_EQ(v.duties[0].duty->who, "headteacher");
}

TEST(Decide, AVerdictDecidedAgainIsTheVerdictDecidedAfresh) {
  struct Case { Event event; std::vector<Finding> found; };
  std::vector<Case> cases = {
      {event(R"({"kind":"contact","action":"accept","counterpart":{"role":"pupil"}})"), {}},  // two duties
      {event(R"({"kind":"post","account":"personal","text":"damn x"})"), {finding("language.profanity"), finding("language.slur")}},
      {event(R"({"kind":"post","account":"personal","text":"fine"})"), {}},  // none
      {event(R"({"kind":"contact","action":"accept","counterpart":{"role":"pupil"}})"), {}}};
  Verdict reused;
  for (const auto& c : cases) {
    Verdict fresh = decide(c.event, c.found, pack(), nullptr);
    decide(c.event, c.found, pack(), nullptr, reused);
    EXPECT_EQ(reused.kind, fresh.kind);
    EXPECT_EQ(reused.outcome, fresh.outcome);
    EXPECT_EQ(reused.missing, fresh.missing);
    EXPECT_EQ(rules_of(reused), rules_of(fresh));
    ASSERT_EQ(reused.duties.size(), fresh.duties.size());
    for (std::size_t i = 0; i < fresh.duties.size(); ++i) {
      EXPECT_EQ(reused.duties[i].duty, fresh.duties[i].duty);
      EXPECT_EQ(reused.duties[i].from, fresh.duties[i].from);
    }
    EXPECT_EQ(render_json(reused, c.event, c.found), render_json(fresh, c.event, c.found));
  }
}

TEST(Decide, PhotoConsentComesFromTheRoster) {
  auto roster = parse_roster(
      "id,role,given_name,family_name,restricted,photo_consent\n"
      "pupil:1,pupil,Ann,Ash,false,print;social\n"
      "pupil:2,pupil,Ben,Birch,false,print\n"
      "pupil:3,pupil,Cal,Cedar,true,print;website;social\n",
      "r.csv");
  ASSERT_TRUE(roster);
  const Roster& r = roster->roster;
  auto post = [](const char* people) {
    return event(std::string(R"({"kind":"post","account":"official","platform":"facebook","images":[{"path":"a.jpg","people":[)") + people + "]}]}");
  };
  EXPECT_EQ(decide(post("\"pupil:1\""), {}, pack(), &r).outcome, Outcome::allow);
  EXPECT_EQ(decide(post("\"pupil:2\""), {}, pack(), &r).outcome, Outcome::breach);  // no social consent
  EXPECT_EQ(decide(post("\"pupil:3\""), {}, pack(), &r).outcome, Outcome::breach);  // restricted
  Verdict unknown = decide(post("\"pupil:9\""), {}, pack(), &r);                      // not on the roster
  EXPECT_EQ(unknown.outcome, Outcome::breach);
  EXPECT_NE(unknown.missing, 0u);
  EXPECT_EQ(decide(post(""), {}, pack(), nullptr).outcome, Outcome::allow);            // nobody pictured
}

TEST(Decide, SchoolEmailAndPlatformAges) {
  EXPECT_EQ(decide(event(R"({"kind":"account","action":"signup","email":"a@mail.test.sch.uk"})"), {}, pack(), nullptr).outcome, Outcome::breach);
  EXPECT_EQ(decide(event(R"({"kind":"account","action":"signup","email":"a@notest.sch.uk"})"), {}, pack(), nullptr).outcome, Outcome::allow);
  EXPECT_EQ(decide(event(R"({"kind":"site_creation","platform":"Instagram","audience_min_age":9})"), {}, pack(), nullptr).outcome, Outcome::breach);
  EXPECT_EQ(decide(event(R"({"kind":"site_creation","platform":"website","audience_min_age":9})"), {}, pack(), nullptr).outcome, Outcome::allow);
}

TEST(Decide, EveryKindGetsAVerdictCitingAClause) {
  for (int k = 0; k < k_kind_count; ++k) {
    Event e = make_event(static_cast<Kind>(k));
    Verdict v = decide(e, {}, pack(), nullptr);
    ASSERT_FALSE(v.findings.empty()) << name_of(static_cast<Kind>(k));
    EXPECT_FALSE(v.findings[0].rule->clauses.empty());
  }
}

}  // namespace
}  // namespace smpolicy

namespace smpolicy {
namespace {

// Confidences are written as printf's "%.2f" writes them, ties to even included.
TEST(Decide, ConfidencesAreWrittenAsPrintfWould) {
  auto post = event(R"({"kind":"post","account":"personal","text":"damn x"})");
  for (float confidence : {0.0f, 0.125f, 0.375f, 0.45f, 0.55f, 0.85f, 0.875f, 0.97f, 0.995f, 1.0f, 12.345f, -0.5f}) {
    Finding f = finding("language.profanity");
    f.confidence = confidence;
    std::vector<Finding> found = {f};
    std::string json = render_json(decide(post, found, pack(), nullptr), post, found, JsonDetail::with_detected);
    char expected[32];
    std::snprintf(expected, sizeof expected, "\"confidence\":%.2f}", static_cast<double>(confidence));
    EXPECT_NE(json.find(expected), std::string::npos) << json;
  }
}

}  // namespace
}  // namespace smpolicy
