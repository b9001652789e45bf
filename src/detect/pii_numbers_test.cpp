#include <gtest/gtest.h>

#include <string>

#include "detect/pii.hpp"

namespace smpolicy {
namespace {

TEST(NationalPhone, GivesTheNationalFormOrNothing) {
  struct Row {
    std::string text, expected;
  };
  for (const auto& row : {Row{"+44 (0)1632 960123", "01632960123"}, Row{"0044 1632 960123", "01632960123"},
                          Row{"07700 900123", "07700900123"}, Row{"01632 96012", "0163296012"}, Row{"0770090012", ""},
                          Row{"+4 41632960123", ""}, Row{"+441632960123", "01632960123"}, Row{"05700 900123", ""},
                          Row{"077009001234", ""}, Row{"0", ""}, Row{"", ""}}) {
    EXPECT_EQ(national_phone(row.text), row.expected) << row.text;
  }
}

// The scanner reads a number's digits once and asks national_phone_of; whatever the text
// around them, it must answer as national_phone does on the text.
TEST(NationalPhone, FromDigitsAgreesWithFromText) {
  for (std::string digits : {"441632960123", "00441632960123", "0440163296012", "07700900123", "0163296012", "44",
                             "004401632960123", "0044", "1632960123", "0"}) {
    for (std::string lead : {"", "+", "+ "}) {
      std::string text = lead + digits;
      bool plus44 = text.starts_with("+44");
      EXPECT_EQ(std::string(national_phone_of(digits, plus44).view()), national_phone(text)) << text;
    }
  }
}

}  // namespace
}  // namespace smpolicy
