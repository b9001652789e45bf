#include <gtest/gtest.h>

#include <random>
#include <string>

#include "detect/pii.hpp"

namespace smpolicy {
namespace {

// The places and flags as one line, so that a mismatch shows whole.
std::string answer(std::string_view text, Reading reading, bool shorteners = true) {
  Places p;
  find_places(text, shorteners, p, reading);
  std::string out;
  for (const auto* list : {&p.digits, &p.coded, &p.links}) {
    for (std::size_t i : *list) out += std::to_string(i) + ",";
    out += "|";
  }
  for (bool flag : {p.any_digit, p.slash, p.plus, p.at}) out += flag ? '1' : '0';
  return out;
}

TEST(FindPlaces, SortsWordStartsAndLearnsTheRareBytes) {
  struct Row {
    std::string text, expected;
  };
  for (const auto& row : {Row{"call 07700 900123", "5,11,|||1000"}, Row{"see www.x.org", "||4,|0000"},
                          Row{"born 3 may", "5,|||1000"}, Row{"sw1a 1aa", "5,|0,||1000"},
                          Row{"mail a@b.co or +44 1", "16,19,|||1011"}, Row{"go to http://a.b", "||0,3,6,13,15,|0100"},
                          Row{"about books", "|||0000"}, Row{"ring (0)12", "6,8,|||1000"}}) {
    EXPECT_EQ(answer(row.text, Reading::widest), row.expected) << row.text;
  }
}

// The pass reads 64 bytes a block; each place is found at every offset, across the edges
// of blocks, and in texts shorter and longer than one.
TEST(FindPlaces, FindsEachPlaceAtAnyOffset) {
  for (std::size_t pad = 0; pad < 140; ++pad) {
    for (const char* shape : {"ab 12 cd", "www.x.org", "born 1/2/2000", "sw1a", "a@b.co", "x+44 (0)1", "http://y.z/q", "d.o.b"}) {
      const std::string text = std::string(pad, '-') + shape + std::string(pad % 5, ' ');
      const std::string expected = answer(text, Reading::by_byte);
      EXPECT_EQ(answer(text, Reading::widest), expected) << text;
      EXPECT_EQ(answer(text, Reading::by_16), expected) << text;
    }
  }
}

// Every reading gives the byte-by-byte answer on texts dense in the marked bytes.
TEST(FindPlaces, BlocksAndBytesAgree) {
  std::mt19937 random(7);
  const std::string bytes = "ab w.o1( )/+@dirnth";
  for (int round = 0; round < 5000; ++round) {
    std::string text(random() % 300, ' ');
    for (char& c : text) c = bytes[random() % bytes.size()];
    const bool shorteners = round % 2 == 0;
    const std::string expected = answer(text, Reading::by_byte, shorteners);
    ASSERT_EQ(answer(text, Reading::widest, shorteners), expected) << text;
    ASSERT_EQ(answer(text, Reading::by_16, shorteners), expected) << text;
  }
}

// The widest reading sorts bytes by tables rather than by their values; every byte value,
// alone at each place of a text that spans two blocks and beside the bytes that open
// places, reads as it does byte by byte.
TEST(FindPlaces, ReadsEveryByteValueAsBytesDo) {
  std::string filler;
  while (filler.size() < 80) filler += "x1 ab(2 ww.";
  for (int value = 0; value < 256; ++value) {
    for (std::size_t at = 0; at < filler.size(); ++at) {
      std::string text = filler;
      text[at] = static_cast<char>(value);
      ASSERT_EQ(answer(text, Reading::widest), answer(text, Reading::by_byte)) << value << " at " << at;
    }
  }
}

// The places by their definitions, a byte at a time: a word opening with a digit; a word
// whose first bytes could open a postcode or an NI number, with a digit or a bracket in
// the four bytes after its start; and, with no slash, a word opening "www.".
std::string defined(std::string_view s) {
  using namespace shape_chars;
  auto at = [&](std::size_t i) { return i < s.size() ? s[i] : '\0'; };
  auto anchor = [&](std::size_t i) { return digit(at(i)) || at(i) == '(' || at(i) == ')'; };
  std::string digits, coded, links;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!boundary_before(s, i)) continue;
    if (digit(s[i])) digits += std::to_string(i) + ",";
    bool opens = i + 5 <= s.size() && alpha(s[i]) &&
                 (digit(at(i + 1)) || (alpha(at(i + 1)) && (anchor(i + 2) || (at(i + 2) == ' ' && (anchor(i + 3) || at(i + 3) == ' ')))));
    if (opens && (anchor(i + 1) || anchor(i + 2) || anchor(i + 3) || anchor(i + 4))) coded += std::to_string(i) + ",";
    if (s.substr(i, 4) == "www.") links += std::to_string(i) + ",";
  }
  return digits + "|" + coded + "|" + links + "|";
}

TEST(FindPlaces, FindsThePlacesTheirDefinitionsGive) {
  std::mt19937 random(3);
  const std::string bytes = "ab1( w. 2zq";
  for (int round = 0; round < 5000; ++round) {
    std::string text(random() % 100, ' ');
    for (char& c : text) c = bytes[random() % bytes.size()];
    const std::string found = answer(text, Reading::widest);
    ASSERT_EQ(found.substr(0, found.rfind('|') + 1), defined(text)) << text;
  }
}

}  // namespace
}  // namespace smpolicy
