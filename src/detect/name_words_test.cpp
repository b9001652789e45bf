#include <gtest/gtest.h>

#include <random>

#include "detect/name_words.hpp"

namespace smpolicy::names_detail {
namespace {

std::vector<std::string> words_of(const std::string& text) {
  std::vector<Token> buffer;
  std::vector<std::string> words;
  for (const Token& t : tokens_of(text, buffer)) {
    words.push_back(text.substr(t.begin, t.size()) + (t.possessive ? "+" : ""));
    EXPECT_EQ(t.hash, word_hash(text.substr(t.begin, t.size())));
  }
  return words;
}

struct Row {
  std::string text;
  std::vector<std::string> words;  // "+" marks a possessive
};

class NameWords : public testing::TestWithParam<Row> {};

TEST_P(NameWords, SplitsAsANameIsWritten) { EXPECT_EQ(words_of(GetParam().text), GetParam().words); }

INSTANTIATE_TEST_SUITE_P(
    Rows, NameWords,
    testing::Values(Row{"", {}}, Row{"well done oliver", {"well", "done", "oliver"}},
                    Row{"anne-marie o'neill", {"anne-marie", "o'neill"}}, Row{"james' bag", {"james+", "bag"}},
                    Row{"ollie's mum", {"ollie+", "mum"}}, Row{"a--b 'c- -d'", {"a", "b", "c", "d+"}},
                    Row{"zofia\xE2\x80\x94 chlo\xC3\xA9", {"zofia", "chlo\xC3\xA9"}},
                    Row{std::string(70, 'a') + "-b", {std::string(70, 'a') + "-b"}}));

// Texts of ASCII only are read 64 bytes at a time; a dash of three bytes added at the end
// makes the same words be read byte by byte, and the two must agree, at every block edge.
TEST(NameWords, BlocksAndBytesAgree) {
  std::mt19937 random(7);
  const std::string bytes = "ab s'-9 .A";
  for (int round = 0; round < 2000; ++round) {
    std::string text(random() % 200, ' ');
    for (char& c : text) c = bytes[random() % bytes.size()];
    ASSERT_EQ(words_of(text), words_of(text + " \xE2\x80\x94")) << text;
  }
}

}  // namespace
}  // namespace smpolicy::names_detail
