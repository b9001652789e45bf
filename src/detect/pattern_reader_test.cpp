#include <gtest/gtest.h>

#include "detect/pattern_reader.hpp"

namespace smpolicy::pattern_reading {
namespace {

TEST(PatternReader, GivesEachChainsWordsWithTheEdgeBeforeIt) {
  auto sets = required_sets(R"(\bmy (year|yr) 6\b.*#(class|form))");
  ASSERT_TRUE(sets);
  ASSERT_EQ(sets->size(), 2u);
  EXPECT_EQ((*sets)[0].words, (Words{"my year 6", "my yr 6"}));
  EXPECT_EQ((*sets)[0].edge, Edge::boundary);  // after \b
  // The '.*' ends the first chain; nothing is known of the byte before the '#'.
  EXPECT_EQ((*sets)[1].words, (Words{"#class", "#form"}));
  EXPECT_EQ((*sets)[1].edge, Edge::none);
  auto after_space = required_sets(R"(^hi (there|you))");
  ASSERT_TRUE(after_space);
  EXPECT_EQ(after_space->back().edge, Edge::start);
}

TEST(PatternReader, LeavesWhatItDoesNotFollow) {
  EXPECT_FALSE(required_sets("cat|dog"));       // a top-level alternative
  EXPECT_FALSE(required_sets("(?i)cat"));       // a mode
  EXPECT_FALSE(required_sets(R"((a)\1)"));      // a back reference
  EXPECT_FALSE(required_sets(R"(\x41bc)"));     // an escape for a character
  EXPECT_EQ(shortest({"abc", "a", "ab"}), 1u);
  EXPECT_EQ(shortest({}), 0u);
}

}  // namespace
}  // namespace smpolicy::pattern_reading
