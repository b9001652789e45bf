#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "detect/detect.hpp"

namespace smpolicy {
namespace {

std::string original_of(const NormalisedText& view, std::string_view original, std::string_view needle) {
  auto at = view.text.find(needle);
  if (at == std::string::npos) return "<not found>";
  auto [b, e] = view.original_span(at, at + needle.size());
  return std::string(original.substr(b, e - b));
}

struct Row {
  std::string original, lexicon_view_contains, maps_back_to;
};

class Deobfuscation : public testing::TestWithParam<Row> {};

TEST_P(Deobfuscation, UndoesTheTrickAndMapsBack) {
  const Row& row = GetParam();
  auto view = deobfuscate(normalise(row.original));
  EXPECT_NE(view.text.find(row.lexicon_view_contains), std::string::npos) << view.text;
  EXPECT_EQ(original_of(view, row.original, row.lexicon_view_contains), row.maps_back_to);
}

INSTANTIATE_TEST_SUITE_P(Tricks, Deobfuscation, testing::Values(
    Row{"what the f.u.c.k", "fuck", "f.u.c.k"},
    Row{"f u c k this", "fuck", "f u c k"},
    Row{"such a sh1t day", "shit", "sh1t"},
    Row{"you b!tch", "bitch", "b!tch"},
    Row{"@ss", "ass", "@ss"},
    Row{"fuuuuuck", "fuck", "fuuuuuck"},
    Row{"ＦＵＣＫ", "fuck", "ＦＵＣＫ"},                 // full-width letters
    Row{"\xD1\x81r\xD0\xB0p", "crap", "\xD1\x81r\xD0\xB0p"},  // Cyrillic с and а
    Row{"Chlo\xC3\xA9 Martin", "chloe martin", "Chlo\xC3\xA9 Martin"},
    Row{"don\xE2\x80\x99t tell", "don't tell", "don\xE2\x80\x99t tell"},
    Row{"f\xE2\x80\x8Buck", "fuck", "f\xE2\x80\x8Buck"},  // a zero-width space inside
    // Spacing undone where the view has a map of its own (a letter of two bytes before).
    Row{"\xC3\xA7" "a f u c k it", "ca fuck it", "\xC3\xA7" "a f u c k it"},
    Row{"\xC3\xA7" "a fuuuck", "fuck", "fuuuck"}));

TEST(Normalise, KeepsOrdinaryWritingIntact) {
  // Leetspeak is only undone inside words: times, postcodes and exclamations survive.
  auto view = deobfuscate(normalise("Great! Meet at 3pm, SW1A 1AA. Year 6 won 4-1!!"));
  EXPECT_EQ(view.text, "great! meet at 3pm, swia 1aa. year 6 won 4-1!!");
  EXPECT_EQ(normalise("SW1A 1AA").text, "sw1a 1aa");
}

TEST(Normalise, FindsEachTrickAtAnyOffset) {
  // The quick looks read the text in blocks of 64; a trick may straddle the edge of one.
  for (std::size_t pad = 0; pad < 140; ++pad) {
    for (auto [trick, undone] : {std::pair{"f.u.c.k", "fuck"}, {"f u c k", "fuck"}, {"sh1t", "shit"}, {"fuuuck", "fuck"}}) {
      std::string text = std::string(pad, '-') + trick + std::string(pad % 3, ' ');
      EXPECT_EQ(deobfuscate(normalise(text)).text, std::string(pad, '-') + undone + std::string(pad % 3, ' ')) << text;
    }
  }
}

TEST(Normalise, LowersPrintableAsciiAtEveryLength) {
  // Printable ASCII is lowered in blocks of 32 or 16, the last block read again; any other
  // byte, wherever it falls, sends the text down the slow path, which agrees.
  std::string text, lowered;
  for (std::size_t n = 0; n < 100; ++n) {
    text.push_back(static_cast<char>(' ' + (n * 37) % 95));
    lowered.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(text.back()))));
    auto view = normalise(text);
    EXPECT_EQ(view.text, lowered) << text;
    EXPECT_TRUE(view.from.empty());
    std::string tabbed = text;
    tabbed[n / 2] = '\t';
    std::string expected = lowered;
    expected[n / 2] = ' ';
    EXPECT_EQ(normalise(tabbed).text, expected) << tabbed;
  }
}

TEST(Normalise, HostileBytesNeverBreakTheMapping) {
  std::string nasty("\xff\xfe\0\x80 ok \xe2\x82", 11);
  std::string emoji;
  for (int i = 0; i < 10000; ++i) emoji += "\xF0\x9F\x98\x80";
  for (const std::string& text : {nasty, emoji, std::string(1 << 20, 'x'), std::string()}) {
    auto plain = normalise(text);
    auto lexicon = deobfuscate(plain);
    for (const auto* view : {&plain, &lexicon}) {
      ASSERT_TRUE(view->from.empty() || view->from.size() == view->text.size());
      for (std::size_t i = 0; i < view->text.size(); ++i) {
        ASSERT_LT(view->begin_of(i), view->end_of(i));
        ASSERT_LE(view->end_of(i), text.size());
      }
    }
  }
}

// A room handed from text to text, whatever the last one held (a map, more bytes), gives
// what a fresh view of each text gives.
TEST(Normalise, IntoAUsedRoomGivesWhatAFreshViewGets) {
  NormalisedText room;
  for (const std::string& text : {std::string("Chlo\xC3\xA9 Martin"), std::string(100, 'A'), std::string("short"), std::string("\xD1\x81r\xD0\xB0p"),
                           std::string(), std::string("Ends in ASCII, 17")}) {
    normalise_into(text, room);
    auto fresh = normalise(text);
    EXPECT_EQ(room.text, fresh.text) << text;
    EXPECT_EQ(room.from, fresh.from) << text;
    EXPECT_EQ(room.to, fresh.to) << text;
  }
}

}  // namespace
}  // namespace smpolicy
