#include <gtest/gtest.h>

#include <string>

#include "detect/pii.hpp"

namespace smpolicy {
namespace {

// The date read from the first digit of each text, or "" where none starts there.
TEST(DateEnd, ReadsTheDatesWithAYearAndNothingElse) {
  struct Row {
    std::string text, date;
  };
  for (const auto& row : {Row{"14/03/2016 x", "14/03/2016"}, Row{"2016-03-14", "2016-03-14"}, Row{"3rd march 2016", "3rd march 2016"},
                          Row{"21st dec 2010,", "21st dec 2010"}, Row{"3 may 2016", "3 may 2016"}, Row{"3 may", ""},
                          Row{"3 planted", ""}, Row{"3:30pm", ""}, Row{"12th", ""}, Row{"1 ma", ""}, Row{"14/03/16", ""},
                          Row{"3 mayday 2016", "3 mayday 2016"}, Row{"3 jun 20166", ""}}) {
    std::size_t end = date_end(row.text, 0);
    EXPECT_EQ(row.text.substr(0, end), row.date) << row.text;
  }
}

TEST(DateEnd, ACueCountsOnlyInTheThirtyBytesBefore) {
  EXPECT_TRUE(birth_cue_before("born on 3 may 2016", 8));
  EXPECT_TRUE(birth_cue_before("d.o.b 3 may 2016", 6));
  EXPECT_FALSE(birth_cue_before("born a long, long, long time ago: 3 may 2016", 34));
}

}  // namespace
}  // namespace smpolicy
