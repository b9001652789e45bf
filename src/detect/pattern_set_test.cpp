#include "detect/pattern_set.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace smpolicy {
namespace {

using Match = std::tuple<unsigned, std::size_t, std::size_t>;

// Patterns of the lexicon's kinds, each with a word every match of it holds: bounded ones,
// one anchored at the text's start, and one whose matches have no bound.
const std::vector<std::string> k_patterns = {
    R"(\bhad enough\b)",
    R"(\b(my|our|the) (year|yr) ?([1-9]|1[0-3]|r)\b)",
    R"(^twats? (on|in|at)\b)",
    R"(\bis (so |a |really )*(lazy|rude)\b)",
    R"(\bdick ?(head|less)\b)",
};
const std::vector<std::string> k_words = {"enough", " y", "twat", "is", "dick"};

std::vector<Match> sorted(std::vector<Match> matches) {
  std::sort(matches.begin(), matches.end());
  return matches;
}

// Every pattern's matches, scanned near the words it needs, are those of the whole set,
// matches of the most bytes and matches at the text's edges and beside wide characters too.
TEST(PatternSet, ScanNearFindsWhatTheWholeSetFinds) {
  auto set = PatternSet::compile(k_patterns);
  ASSERT_TRUE(set);
  const std::vector<std::string> pieces = {"had enough", "my year 4", "the yr10", "twat on", "prick in", "is so so lazy",
                                           "is a rude", "dickhead", "dick less", "x", "é", "😡", " ", "  ", "fore",
                                           "year", "enough", "is", "dick", "rude", "4", "\n"};
  std::mt19937 random(7);
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    for (std::size_t k = random() % 12; k > 0; --k) text += pieces[random() % pieces.size()];
    std::vector<Match> whole;
    set->scan(text, [&](unsigned id, std::size_t b, std::size_t e) { whole.emplace_back(id, b, e); });
    std::vector<PatternSet::Near> near;
    for (unsigned id = 0; id < k_patterns.size(); ++id) {
      // From the first word to the last; where there is one word, any one byte of it,
      // which leaves a match that spans the most bytes the least room.
      const std::size_t first = text.find(k_words[id]), last = text.rfind(k_words[id]);
      if (first == std::string::npos) continue;
      const std::size_t one = first + random() % k_words[id].size();
      if (first == last) near.push_back({id, one, one + 1});
      else near.push_back({id, first, last + k_words[id].size()});
    }
    std::vector<Match> found;
    set->scan_near(text, near, [&](unsigned id, std::size_t b, std::size_t e) { found.emplace_back(id, b, e); });
    ASSERT_EQ(sorted(found), sorted(whole)) << text;
  }
}

// Knowing nothing of where a pattern matches runs it over the whole text; patterns not
// asked for are not run.
TEST(PatternSet, ScanNearRunsOnlyThePatternsAsked) {
  auto set = PatternSet::compile(k_patterns);
  ASSERT_TRUE(set);
  const std::string text = "had enough of my year 4 and the dickhead";
  const std::vector<PatternSet::Near> near = {{1, 0, text.size()}, {4, 0, text.size()}};
  std::vector<Match> found;
  set->scan_near(text, near, [&](unsigned id, std::size_t b, std::size_t e) { found.emplace_back(id, b, e); });
  EXPECT_EQ(found, (std::vector<Match>{{1, 14, 23}, {4, 32, 40}}));
}

}  // namespace
}  // namespace smpolicy
