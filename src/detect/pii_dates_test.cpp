#include <gtest/gtest.h>

#include <iterator>
#include <random>
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

// could_open_date passes over numbers before date_end reads them, and so may only pass
// over those where it finds no date; on the common "3 planted" it does pass over.
TEST(DateEnd, CouldOpenDateMissesNoDate) {
  std::mt19937 random(17);
  const std::string_view pieces[] = {"3", "12", "2016", "0", " ", "/", "-", ".", "rd", "th", "may", "mar", "dec", "jun", "planted", "kids", "z", "a"};
  int dates = 0;
  for (int round = 0; round < 100000; ++round) {
    std::string text(1, static_cast<char>('0' + random() % 10));
    for (int n = static_cast<int>(random() % 6); n > 0; --n) text += pieces[random() % std::size(pieces)];
    const bool found = date_end(text, 0) != 0;
    dates += found;
    if (!could_open_date(text, 0)) {
      ASSERT_FALSE(found) << text;
    }
  }
  EXPECT_GT(dates, 0);
  EXPECT_FALSE(could_open_date("3 planted", 0));
  EXPECT_FALSE(could_open_date("12 pupils", 0));
  EXPECT_TRUE(could_open_date("3 may 2016", 0));
}

TEST(DateEnd, ACueCountsOnlyInTheThirtyBytesBefore) {
  EXPECT_TRUE(birth_cue_before("born on 3 may 2016", 8));
  EXPECT_TRUE(birth_cue_before("d.o.b 3 may 2016", 6));
  EXPECT_FALSE(birth_cue_before("born a long, long, long time ago: 3 may 2016", 34));
}

}  // namespace
}  // namespace smpolicy
