#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "detect/deobfuscate_tricks.hpp"

namespace smpolicy::deobfuscate_detail {
namespace {

std::string answer(Tricks t) { return std::string(t.leet ? "leet" : "-") + "/" + (t.spacing ? "spacing" : "-"); }

// The looks read 64 bytes a block (32 or 16 a step); each trick is found at every offset,
// across the edges of blocks, and nothing is found where there is none.
TEST(DeobfuscateTricks, FindsEachTrickAtAnyOffset) {
  for (std::size_t pad = 0; pad < 140; ++pad) {
    for (auto [trick, expected] : {std::pair{"sh1t", "leet/-"}, {"f u c k", "-/spacing"}, {"fuuuck", "-/spacing"},
                                   {"a @ss", "leet/-"}, {"plain words", "-/-"}}) {
      const std::string text = std::string(pad, '-') + trick + std::string(pad % 3, ' ');
      EXPECT_EQ(answer(tricks_in(text)), expected) << text;
      EXPECT_EQ(answer(tricks_by_16(text)), expected) << text;
      EXPECT_EQ(answer(tricks_by_byte(text)), expected) << text;
    }
  }
}

// Every way of reading gives the byte-by-byte answer, on texts dense in tricks and their
// near misses, of every length up to a few blocks.
TEST(DeobfuscateTricks, BlocksAndBytesAgree) {
  std::mt19937 random(11);
  const std::string bytes = "aab s.1@$|'!-~";
  for (int round = 0; round < 5000; ++round) {
    std::string text(random() % 200, ' ');
    for (char& c : text) c = bytes[random() % bytes.size()];
    const std::string expected = answer(tricks_by_byte(text));
    ASSERT_EQ(answer(tricks_in(text)), expected) << text;
    ASSERT_EQ(answer(tricks_by_16(text)), expected) << text;
  }
}

// A text without spacing, with a few of its bytes changed: spacing_near over the changed
// bytes says what the whole text's looks say, and over the whole text it always does.
TEST(DeobfuscateTricks, SpacingNearChangedBytesIsTheWholeTextsSpacing) {
  std::mt19937 random(13);
  const std::string bytes = "aab s.1@-";
  int changed_to_spacing = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text(random() % 90, ' ');
    for (char& c : text) c = bytes[random() % bytes.size()];
    ASSERT_EQ(spacing_near(text, 0, text.size()), tricks_by_byte(text).spacing) << text;
    if (text.empty() || tricks_by_byte(text).spacing) continue;
    const std::size_t begin = random() % text.size(), end = std::min(text.size(), begin + 1 + random() % 6);
    for (std::size_t i = begin; i < end; ++i) {
      if (random() % 2 == 0) text[i] = bytes[random() % bytes.size()];
    }
    const bool spacing = tricks_by_byte(text).spacing;
    changed_to_spacing += spacing;
    ASSERT_EQ(spacing_near(text, begin, end), spacing) << text << " changed " << begin << " to " << end;
  }
  EXPECT_GT(changed_to_spacing, 100);
}

// next_undo reads sixteen bytes a step; from every start, on texts dense in letters,
// spacers and their near misses, it finds the place the byte-by-byte reading finds.
TEST(DeobfuscateTricks, NextUndoFindsWhatBytesFind) {
  std::mt19937 random(5);
  const std::string bytes = "aab .-_*~x1Z";
  for (int round = 0; round < 3000; ++round) {
    std::string text(random() % 80, ' ');
    for (char& c : text) c = bytes[random() % bytes.size()];
    for (std::size_t from = 0; from <= text.size(); ++from) {
      ASSERT_EQ(next_undo(text, from), next_undo_by_byte(text, from)) << text << " from " << from;
    }
  }
  EXPECT_EQ(next_undo(std::string(40, '-') + "  a b", 0), 42u);
  EXPECT_EQ(next_undo("the word fuuuck", 3), 10u);
}

}  // namespace
}  // namespace smpolicy::deobfuscate_detail
