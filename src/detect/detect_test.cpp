#include <gtest/gtest.h>

#include "detect/detect.hpp"

namespace smpolicy {
namespace {

const Pack& pack() {
  static auto loaded = parse_pack(R"([pack]
id = "d"
title = "D"
[school]
names = ["Hillside Primary School", "Hillside Primary"]
email_domains = ["hillside.sch.uk"]
[[clause]]
id = "1"
says = "All."
[[rule]]
id = "f"
on = "any"
when = "always"
outcome = "allow"
severity = "info"
clauses = ["1"]
message = "ok"
fallback = true
)", "d.toml");
  EXPECT_TRUE(loaded) << loaded.error().message;
  return **loaded;
}

std::shared_ptr<const Matcher> matcher() {
  static auto roster = parse_roster("id,role,given_name,family_name,preferred_name\npupil:1,pupil,Oliver,Bennett,Ollie\n", "r.csv");
  static auto m = compile_matcher(pack(), &roster->roster);
  return m;
}

struct Row {
  std::string text;
  std::vector<std::string> kinds;  // every finding kind, in span order
};

class DetectTable : public testing::TestWithParam<Row> {};

TEST_P(DetectTable, FindsExactlyTheseKinds) {
  const Row& row = GetParam();
  std::vector<std::string> kinds;
  for (const auto& f : detect_text(row.text, "text", *matcher())) {
    kinds.push_back(f.kind);
    EXPECT_LE(f.end, row.text.size());
    EXPECT_LT(f.begin, f.end);
  }
  EXPECT_EQ(kinds, row.kinds) << row.text;
}

INSTANTIATE_TEST_SUITE_P(FirstDetectors, DetectTable, testing::Values(
    Row{"Lovely walk by the river today", {}},
    Row{"Well done Oliver Bennett!", {"person.pupil"}},
    Row{"So proud of #OllieBennett", {"person.pupil"}},
    Row{"Parents evening at Hillside Primary School tonight", {"staff_cue", "school.name"}},
    Row{"Email me at jane.doe@gmail.com", {"personal_data.email"}},
    Row{"Office: office@hillside.sch.uk", {"school.contact"}},
    Row{"Call 07700 900123 after six", {"personal_data.phone"}},
    Row{"See https://bit.ly/abc and www.example.org", {"link.shortener", "link"}},
    Row{"What a shitshow", {"language.profanity"}},
    Row{"Views are my own", {"disclaimer"}}));

TEST(Detect, ScansEveryTextFieldOfTheEvent) {
  auto e = parse_event(R"({"kind":"group_join","group":{"name":"Hillside Primary parents","description":"gossip and rumours"}})", 1);
  ASSERT_TRUE(e);
  auto found = detect(*e, *matcher());
  ASSERT_GE(found.size(), 2u);
  EXPECT_EQ(found.front().field, "group.name");
  EXPECT_EQ(found.back().field, "group.description");
}

TEST(Detect, SurvivesHostileInput) {
  std::string big(1 << 20, 'a');
  std::string binary("\0\xff\xfe@@@..\x80", 10);
  for (const std::string& text : {std::string(), big, binary, std::string(40000, '@')}) {
    auto found = detect_text(text, "text", *matcher());
    for (const auto& f : found) EXPECT_LE(f.end, text.size());
  }
}

}  // namespace
}  // namespace smpolicy
