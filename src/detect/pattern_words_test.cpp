#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "detect/pattern_words.hpp"

namespace smpolicy {
namespace {

using Words = std::vector<std::string>;

TEST(PatternWords, TakesTheRarestLookingGroupOrRun) {
  struct Row {
    const char* pattern;
    Words words;
  } rows[] = {
      {R"(\b(is|was|you are) (such |a )*(clueless|useless|joke)\b)", {"clueless", "joke", "useless"}},  // "is" is common
      {R"(\bpicking (your|his) teeth (up )?off\b)", {"picking "}},
      {R"(\bneeds? (their|his|her) head(s)? (examined|testing)\b)", {" head"}},  // one word beats two
      {R"(\b(such an?|a right|you) (utter )?(dick|pr\*ck)s?\b)", {"dick", "pr*ck"}},
      {R"(\b(the|my) (staff bake[- ]?off|senco)\b)", {"senco", "staff bake"}},
      {R"(#(year|yr) ?([1-9]|1[0-3]|r)\b)", {"year", "yr"}},
      {R"(\bhad enough\b)", {"had enough"}},
      {R"(\b(parents|staff) who [a-z0-9 '-]{1,60} (are|were) (vile|scum)\b)", {"parents", "staff"}},  // "who" is common
  };
  for (const auto& row : rows) EXPECT_EQ(required_words(row.pattern), row.words) << row.pattern;
}

TEST(PatternWords, GivesNothingWhereNoWordIsSureOrTheReadingStops) {
  for (const char* pattern : {R"(\b(a|b) (c|d)\b)", R"(dick|twat)", R"((?i)twat)", R"((twat)?)", R"(x(é)?)",
                              R"(é?abc)", R"(\b[a-z]+\b)", R"((unclosed)"}) {
    EXPECT_EQ(required_words(pattern), Words{}) << pattern;
  }
}

}  // namespace
}  // namespace smpolicy
