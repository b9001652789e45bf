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

// Ten bytes are read at once where sixteen can be, and one by one near the end of a text;
// both readings count the same.
TEST(MostlyDigits, AllowsTwoBytesOtherThanDigitsInTen) {
  for (std::string ten : {"1234567890", "123 456 78", "12-3456-78", "1 2 345678", "1 2 3 4567", "3 planted ", "(12)345678"}) {
    int others = 0;
    for (char c : ten) others += c < '0' || c > '9';
    for (std::string after : {"", "      ", "9999999999"}) {
      EXPECT_EQ(mostly_digits(ten + after, 0), others <= 2) << ten << after;
      EXPECT_EQ(mostly_digits("ab" + ten + after, 2), others <= 2) << ten << after;
    }
  }
}

}  // namespace
}  // namespace smpolicy
