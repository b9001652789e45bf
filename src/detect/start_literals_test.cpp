#include <gtest/gtest.h>

#include <random>
#include <tuple>

#include "detect/start_literals.hpp"

namespace smpolicy {
namespace {

struct Match {
  unsigned id;
  std::size_t begin, end;
  bool operator==(const Match&) const = default;
};

// Literals with no lead.
StartLiterals plain(std::initializer_list<const char*> texts) {
  std::vector<StartLiteral> literals;
  for (const char* text : texts) literals.emplace_back(text);
  return StartLiterals(literals);
}

std::vector<Match> found(const StartLiterals& set, std::string_view text) {
  std::vector<Match> out;
  set.scan(text, [&](unsigned id, std::size_t begin, std::size_t end) { out.push_back({id, begin, end}); });
  return out;
}

// The contract spelt out byte by byte: every literal at every start, by start, length
// after it, id.
std::vector<Match> expected(const std::vector<StartLiteral>& literals, std::string_view text) {
  std::vector<Match> out;
  for (std::size_t at = 0; at < text.size(); ++at) {
    auto c = static_cast<unsigned char>(at ? text[at - 1] : ' ');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) continue;
    std::vector<Match> here;
    for (unsigned id = 0; id < literals.size(); ++id) {
      const auto& [literal, lead] = literals[id];
      if (lead >= literal.size() || lead > at) continue;
      if (text.substr(at - lead).starts_with(literal)) here.push_back({id, at - lead, at - lead + literal.size()});
    }
    std::sort(here.begin(), here.end(), [](const Match& a, const Match& b) { return std::tie(a.end, a.id) < std::tie(b.end, b.id); });
    out.insert(out.end(), here.begin(), here.end());
  }
  return out;
}

TEST(StartLiterals, FindsLiteralsOnlyWhereTheyBeginAtAStart) {
  StartLiterals set = plain({"the", "at", "#teacherlife", "he"});
  // "the" in "bathe" and "he" in "the" do not begin at a start; "at" after "'" does.
  EXPECT_EQ(found(set, "the bathe 'at #teacherlife"),
            (std::vector<Match>{{0, 0, 3}, {1, 11, 13}, {2, 14, 26}}));
  // After an upper-case letter, '*' or a byte of a wider character there is a start: the
  // caller decides what such a byte means for its words.
  EXPECT_EQ(found(set, "Xat*the\xC3\xA9he"), (std::vector<Match>{{1, 1, 3}, {0, 4, 7}, {3, 9, 11}}));
  EXPECT_TRUE(found(set, "").empty());
  EXPECT_TRUE(found(StartLiterals(std::vector<StartLiteral>{}), "the").empty());
}

TEST(StartLiterals, FindsALeadBeforeTheStart) {
  StartLiterals set({StartLiteral("#year", 1), StartLiteral("4 were", 2), StartLiteral("ab", 2)});
  // "#year" needs a '#' before the "year" at a start; "4 were" needs "4 " before "were";
  // a lead as long as the literal leaves nothing to find.
  EXPECT_EQ(found(set, "#year 4 were x#year year"), (std::vector<Match>{{0, 0, 5}, {1, 6, 12}, {0, 14, 19}}));
  EXPECT_TRUE(found(set, "year were ab").empty());
}

TEST(StartLiterals, ComesByBeginThenLengthThenIdAndKeepsEachIdOfARepeatedString) {
  StartLiterals set = plain({"fuck", "fucking", "fu", "fuck", "f"});
  EXPECT_EQ(found(set, "fucking"),
            (std::vector<Match>{{4, 0, 1}, {2, 0, 2}, {0, 0, 4}, {3, 0, 4}, {1, 0, 7}}));
}

TEST(StartLiterals, AnswersAsTheByteByByteReadingOnRandomTexts) {
  std::mt19937 random(7);
  const std::string alphabet = "ab1 #'*\xC3\xA9Z\n";
  auto word = [&](std::size_t most) {
    std::string w;
    std::size_t n = 1 + random() % most;
    for (std::size_t i = 0; i < n; ++i) w += alphabet[random() % alphabet.size()];
    return w;
  };
  for (int round = 0; round < 200; ++round) {
    std::vector<StartLiteral> literals;
    std::size_t count = 1 + random() % 40;
    for (std::size_t i = 0; i < count; ++i) {
      std::string text = word(i % 3 == 0 ? 14 : 5);
      literals.emplace_back(text, i % 4 == 0 ? static_cast<std::uint32_t>(random() % text.size()) : 0);
    }
    StartLiterals set(literals);
    for (int t = 0; t < 10; ++t) {
      std::string text = word(200);  // texts of every length around the blocks of 64
      ASSERT_EQ(found(set, text), expected(literals, text)) << "round " << round << " text " << text;
    }
  }
}

// Families: many literals share their bytes after the start ("1 |loved" ... "13 |loved")
// and differ in their leads, some none, some given twice.
TEST(StartLiterals, FindsEveryLeadOfAFamilyByIdAsTheByteByByteReading) {
  std::mt19937 random(11);
  const std::vector<std::string> parts = {"loved", "year 1", "year 10", "a", "ab", "abcdefghijklm"};
  const std::vector<std::string> leads = {"", " ", "1 ", "13 ", "#", "x1 ", "'", "my 13 ", "a "};
  auto pick = [&](const std::vector<std::string>& from) { return from[random() % from.size()]; };
  for (int round = 0; round < 100; ++round) {
    std::vector<StartLiteral> literals;
    for (std::size_t i = 0, count = 1 + random() % 30; i < count; ++i) {
      std::string lead = pick(leads);
      literals.emplace_back(lead + pick(parts), static_cast<std::uint32_t>(lead.size()));
    }
    StartLiterals set(literals);
    for (int t = 0; t < 10; ++t) {
      std::string text;
      while (text.size() < 150) text += pick(leads) + pick(parts) + (random() % 2 ? " " : "");
      ASSERT_EQ(found(set, text), expected(literals, text)) << "round " << round << " text " << text;
    }
  }
}

TEST(StartLiterals, ReadsEveryBlockBoundary) {
  StartLiterals set = plain({"ab", "abcdefghijk"});
  for (std::size_t at = 0; at < 140; ++at) {
    std::string text(at, ' ');
    text += "abcdefghijk";
    EXPECT_EQ(found(set, text), (std::vector<Match>{{0, at, at + 2}, {1, at, at + 11}})) << at;
    std::string joined(at, 'x');  // after a letter: no start
    joined += "abcdefghijk";
    std::vector<Match> at_the_front{{0, 0, 2}, {1, 0, 11}};
    EXPECT_EQ(found(set, joined), at ? std::vector<Match>{} : at_the_front) << at;
  }
}

}  // namespace
}  // namespace smpolicy
