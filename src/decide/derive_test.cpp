#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "decide/decide.hpp"
#include "decide/decide_test_support.hpp"

namespace smpolicy {
namespace {

// Official posts picturing a pupil without consent for the channel, or a restricted one,
// breach; posts in work time, official ones (their purpose derived from the account) and
// those on a website (their channel derived from the platform) are advised against.
constexpr const char* k_pack = R"toml([pack]
id = "derive-test"
title = "Derive test"

[[clause]]
id = "1"
says = "Photos."

[[rule]]
id = "photo-consent"
on = "post"
when = "account is official and (pictured.without_consent is true or pictured.restricted is true)"
outcome = "breach"
severity = "serious"
clauses = ["1"]
message = "Consent."

[[rule]]
id = "posting-in-work-time"
on = "post"
when = "period is work_time"
outcome = "advise"
severity = "minor"
clauses = ["1"]
message = "Not in work time."

[[rule]]
id = "official-purpose"
on = "post"
when = "purpose is official"
outcome = "advise"
severity = "info"
clauses = ["1"]
message = "An official post."

[[rule]]
id = "website-post"
on = "post"
when = "channel is website"
outcome = "advise"
severity = "info"
clauses = ["1"]
message = "A post on a website."
)toml";

const Pack& pack() { return decide_test::pack_with_fallback(k_pack, "derive-test.toml"); }

Event event(const std::string& json) { return decide_test::event_of(json); }

Event post(const char* account, const char* platform, const char* people) {
  return event(std::string(R"({"kind":"post","account":")") + account + R"(","platform":")" + platform +
               R"(","images":[{"path":"a.jpg","people":[)" + people + "]}]}");
}

// A batch decides every post from one event's fields, and derive keeps what it worked out
// for the last post where the fields it reads are the same: each verdict must still be the
// one the post gets decided alone, whichever of those fields (or the roster) changed.
TEST(Derive, APostDecidedFromTheLastPostsFieldsIsDecidedAsAlone) {
  auto roster = parse_roster(
      "id,role,given_name,family_name,restricted,photo_consent\n"
      "pupil:1,pupil,Ann,Ash,false,print;social\n"
      "pupil:2,pupil,Ben,Birch,false,print\n",
      "r.csv");
  ASSERT_TRUE(roster);
  const Roster* r = &roster->roster;
  struct Step {
    Event event;
    const Roster* roster;
  };
  auto plain = [](const char* members) { return event(std::string(R"({"kind":"post","text":"x",)") + members + "}"); };
  std::vector<Step> steps = {
      {plain(R"("account":"official","platform":"facebook")"), r},  // an official post
      {plain(R"("account":"official","platform":"facebook")"), r},  // the same again
      {post("official", "facebook", "\"pupil:2\""), r},           // a pupil without social consent
      {plain(R"("account":"official","platform":"facebook")"), r},  // no one again
      {plain(R"("account":"personal","platform":"facebook")"), r},  // another account
      {plain(R"("account":"personal","platform":"website")"), r},   // another platform: a website
      {plain(R"("account":"personal","platform":"website","purpose":"official")"), r},  // a purpose given
      {post("official", "facebook", "\"pupil:1\""), r},        // allowed
      {post("official", "website", "\"pupil:1\""), r},         // no website consent
      {post("official", "website", "\"pupil:1\""), nullptr},   // no roster
      {plain(R"("account":"personal")"), r},
      {plain(R"("account":"personal","time":"2025-03-04T10:00:00Z")"), r},  // a Tuesday morning
      {plain(R"("account":"personal","time":"2025-03-08T10:00:00Z")"), r},  // a Saturday
      {plain(R"("account":"official","platform":"facebook")"), r}};
  // Each alone first, from fields of its own (all held at once, so that no two share an
  // address), so that no verdict here is one derived from another post's fields.
  std::vector<Event> copies;
  for (const Step& step : steps) copies.push_back(step.event);
  std::vector<std::string> alone;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    alone.push_back(render_json(decide(copies[i], {}, pack(), steps[i].roster), copies[i], {}));
  }
  Event reused = steps[0].event;
  const Value* fields = reused.fields.data();
  Verdict verdict;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    reused = steps[i].event;  // into the same fields, as a batch's line reader writes
    ASSERT_EQ(reused.fields.data(), fields);
    decide(reused, {}, pack(), steps[i].roster, verdict);
    EXPECT_EQ(render_json(verdict, reused, {}), alone[i]) << "step " << i;
  }
  // The steps differ where they should.
  auto has = [&](std::size_t i, const char* text) { return alone[i].find(text) != std::string::npos; };
  EXPECT_TRUE(has(0, "official-purpose"));
  EXPECT_TRUE(has(2, "\"breach\""));
  EXPECT_FALSE(has(4, "official-purpose"));
  EXPECT_TRUE(has(5, "website-post"));
  EXPECT_TRUE(has(6, "official-purpose"));
  EXPECT_FALSE(has(7, "\"breach\""));
  EXPECT_TRUE(has(8, "\"breach\""));
  EXPECT_NE(alone[8], alone[9]);
  EXPECT_TRUE(has(11, "posting-in-work-time"));
  EXPECT_FALSE(has(12, "posting-in-work-time"));
}

// A leaving's last field is derived (has_official_accounts), a reference's is its time,
// and both kinds have five fields: an event of one decided from the fields the other's
// were in must not read the value derive set for the other.
constexpr const char* k_two_kinds_pack = R"toml([pack]
id = "derive-kinds-test"
title = "Derive kinds test"

[[clause]]
id = "1"
says = "Records."

[[rule]]
id = "hand-over-accounts"
on = "leaving"
when = "has_official_accounts is true"
outcome = "advise"
severity = "minor"
clauses = ["1"]
message = "Hand over the accounts."

[[rule]]
id = "dated-reference"
on = "reference"
when = "time is given"
outcome = "advise"
severity = "info"
clauses = ["1"]
message = "A dated reference."
)toml";

TEST(Derive, AnEventOfAnotherKindFromTheSameFieldsReadsNoneOfTheLastKindsDerivedValues) {
  const Pack& kinds = decide_test::pack_with_fallback(k_two_kinds_pack, "derive-kinds-test.toml");
  Event leaving = event(R"({"kind":"leaving","official_accounts":["@school"]})");
  Event reference = event(R"({"kind":"reference","about":"a former pupil"})");
  ASSERT_EQ(leaving.fields.size(), reference.fields.size());
  std::string leaving_alone = render_json(decide(leaving, {}, kinds, nullptr), leaving, {});
  std::string reference_alone = render_json(decide(reference, {}, kinds, nullptr), reference, {});
  EXPECT_NE(leaving_alone.find("hand-over-accounts"), std::string::npos);
  EXPECT_EQ(reference_alone.find("dated-reference"), std::string::npos);
  Event reused = leaving;
  const Value* fields = reused.fields.data();
  Verdict verdict;
  for (const Event* next : {&leaving, &reference, &leaving, &reference}) {
    reused = *next;  // into the same fields, as a batch's line reader writes
    ASSERT_EQ(reused.fields.data(), fields);
    decide(reused, {}, kinds, nullptr, verdict);
    EXPECT_EQ(render_json(verdict, reused, {}), next == &leaving ? leaving_alone : reference_alone);
  }
}

}  // namespace
}  // namespace smpolicy
