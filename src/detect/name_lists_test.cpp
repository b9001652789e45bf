#include <gtest/gtest.h>

#include <string>

#include "detect/name_lists.hpp"
#include "detect/names.hpp"

namespace smpolicy::names_detail {
namespace {

WordLists lists_of(std::string_view w) { return word_lists(w, word_hash(w)); }

struct Row {
  std::string word;
  WordLists lists;
};

class NameLists : public testing::TestWithParam<Row> {};

TEST_P(NameLists, TellsEveryListAWordIsOn) { EXPECT_EQ(lists_of(GetParam().word), GetParam().lists) << GetParam().word; }

INSTANTIATE_TEST_SUITE_P(
    Rows, NameLists,
    testing::Values(Row{"year", k_strong_cue}, Row{"brilliant", k_weak_cue}, Row{"mrs", k_title},
                    Row{"mum", k_parent}, Row{"sister", k_someone_else}, Row{"road", k_place_noun},
                    Row{"everyone", k_after_a_verb}, Row{"may", k_month}, Row{"since", k_before_a_month},
                    // On several lists at once.
                    Row{"the", k_someone_else | k_after_a_verb}, Row{"a", k_someone_else | k_after_a_verb},
                    Row{"this", k_after_a_verb | k_before_a_month},
                    // Year groups written as one word are strong cues; other words are on no list.
                    Row{"year4", k_strong_cue}, Row{"yr6", k_strong_cue}, Row{"y6", k_strong_cue},
                    Row{"y", 0}, Row{"year456", 0}, Row{"yes", 0}, Row{"oliver", 0}, Row{"", 0},
                    Row{"roads", 0}, Row{"mu", 0},
                    // Listed words whose first cell another took ("spellings", "chair",
                    // "spelling"), and unlisted words whose first cell holds another ("since",
                    // "football") or sent one on ("spelling" sent "grandma" on).
                    Row{"colleagues", k_weak_cue}, Row{"prof", k_title}, Row{"grandma", k_someone_else},
                    Row{"at", 0}, Row{"final", 0}, Row{"ava", 0}));

TEST(NameLists, StrongCueOutranksWeak) {
  EXPECT_EQ(cue_level_of(k_strong_cue | k_weak_cue), 2);
  EXPECT_EQ(cue_level_of(k_weak_cue | k_title), 1);
  EXPECT_EQ(cue_level_of(k_title), 0);
}

// A word whose hash meets a listed word's cell is still told apart: by its hash, its
// length, or past eight bytes (where a hash and a length no longer tell words apart) its text.
TEST(NameLists, AWrongHashFindsNothing) {
  EXPECT_EQ(word_lists("year", word_hash("year") ^ 1), 0);
  EXPECT_EQ(word_lists("yea", word_hash("year")), 0);
  EXPECT_EQ(word_lists("certificatx", word_hash("certificate")), 0);
  EXPECT_EQ(word_lists("certificate", word_hash("certificate")), k_strong_cue);
}

}  // namespace
}  // namespace smpolicy::names_detail
