#include <gtest/gtest.h>

#include <algorithm>

#include "detect/pattern_words.hpp"

namespace smpolicy {
namespace {

using Sets = std::vector<std::vector<std::string>>;

// The sets as strings, a '|' marking where a word's lead ends and its start is.
Sets required(std::string_view pattern) {
  Sets out;
  for (const auto& set : required_word_sets(pattern)) {
    out.emplace_back();
    for (const auto& word : set) out.back().push_back(word.lead ? word.text.substr(0, word.lead) + "|" + word.text.substr(word.lead) : word.text);
  }
  return out;
}

TEST(PatternWords, SpellsOutWhatEveryMatchMustHold) {
  struct Row {
    const char* pattern;
    Sets sets;
  } rows[] = {
      // "is" is common, so the first group's set is left out.
      {R"(\b(is|was|you are) (such |a )*(clueless|useless|joke)\b)", {{"clueless", "joke", "useless"}}},
      // Plain characters, a group and a zero-width \b multiply into one chain.
      {R"(\bteaching (year|yr|ks[1-2])\b)", {{"teaching ks1", "teaching ks2", "teaching year", "teaching yr"}}},
      // Nothing says a byte before '#' is not a letter, so each string is found after it.
      {R"(#(year|yr) ?(1|r)\b)", {{"#|year 1", "#|year r", "#|year1", "#|yearr", "#|yr 1", "#|yr r", "#|yr1", "#|yrr"}}},
      // After '^' or a space the strings are whole; a string that begins with another of
      // its set is left out.
      {R"(^(twat|prick)s? on)", {{"prick on", "pricks on", "twat on", "twats on"}}},
      {R"(\b(i|we) (hate|hates|hated)\b)", {{"i hate", "we hate"}}},
      // An optional item spelt out doubles the chain rather than ending it.
      {R"(\bpicking (your|his) teeth (up )?off\b)",
       {{"picking his teeth off", "picking his teeth up off", "picking your teeth off", "picking your teeth up off"}}},
      {R"(\b(a right|you) (utter )?(dick|pr\*ck)s?\b)",
       {{"a right dick", "a right pr*ck", "a right utter dick", "a right utter pr*ck", "you dick", "you pr*ck",
         "you utter dick", "you utter pr*ck"}}},
      {R"(\b(the|my) (bake[- ]?off|senco)\b)",
       {{"my bake off", "my bake-off", "my bakeoff", "my senco", "the bake off", "the bake-off", "the bakeoff", "the senco"}}},
      {R"(\bhad enough\b)", {{"had enough"}}},
      // "who" is common, but "parents who" is not. What the class ends with is not known,
      // so " are vile" is found after its space.
      {R"(\b(parents|staff) who [a-z0-9 '-]{1,60} (are|were) (vile|scum)\b)",
       {{"parents who ", "staff who "}, {" |are scum", " |are vile", " |were scum", " |were vile"}}},
      // Only common words: the likeliest to be rare alone.
      {R"(\b(a|the) (is|was)\b)", {{"a is", "a was", "the is", "the was"}}},
  };
  for (const auto& row : rows) EXPECT_EQ(required(row.pattern), row.sets) << row.pattern;
}

TEST(PatternWords, KeepsEachSetToAFewHundredWords) {
  // 10 x 10 x 10 strings would be 1,000: what comes before the third group is one set,
  // and the chain goes on without the first group.
  std::string group = "(";
  for (int i = 0; i < 10; ++i) group += (i ? "|w" : "w") + std::to_string(i) + "x";
  group += ")";
  auto sets = required("\\b" + group + " " + group + " " + group);
  ASSERT_EQ(sets.size(), 2u);
  auto holds = [&](const std::string& word) {
    return std::count_if(sets.begin(), sets.end(), [&](const auto& set) {
      return set.size() == 100 && std::find(set.begin(), set.end(), word) != set.end();
    });
  };
  EXPECT_EQ(holds("w3x w4x "), 1);
  EXPECT_EQ(holds(" |w4x w5x"), 1);  // found after its space: "w3x" may end in a letter
}

TEST(PatternWords, SpellsOutSmallClassesAndFindsAfterALeadWhatMayNotBeginAtAStart) {
  // 2 x 2 x 13 x 19 strings would be too many: "year 4 " is one set, "4 were" another.
  // "4 were" may follow "year" with no space, so it is found as "were" after "4 ", and
  // " 4 were" as "4 were" after a space.
  auto sets = required(R"(\b(year|yr) ?([1-9]|1[0-3]) (drove|were|are|was|have been|did|made|asked|wrote|)"
                       R"(read|loved|nailed|smashed|sang|performed|teacher|class|team|parents)\b)");
  ASSERT_EQ(sets.size(), 2u);
  std::vector<std::string> all;
  for (const auto& set : sets) all.insert(all.end(), set.begin(), set.end());
  EXPECT_EQ(all.size(), 2u * 2 * 13 + 2 * 13 * 19);
  for (const char* word : {"year 4 ", "yr13 ", "4 |were", " |4 were", "10 |were", "9 |have been"}) {
    EXPECT_EQ(std::count(all.begin(), all.end(), word), 1) << word;
  }
}

TEST(PatternWords, GivesNothingWhereNoWordIsSureOrTheReadingStops) {
  for (const char* pattern : {R"(\b(a|b)\b)", R"(dick|twat)", R"((?i)twat)", R"((twat)?)", R"(x(é)?)",
                              R"(é?abc)", R"(\b[a-z]+\b)", R"((unclosed)",
                              R"(\x41bc def)", R"(\101bc def)", R"((abc) \1)",
                              R"(x(idiot|moron))"}) {
    EXPECT_EQ(required(pattern), Sets{}) << pattern;
  }
}

}  // namespace
}  // namespace smpolicy
