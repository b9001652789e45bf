#include <gtest/gtest.h>

#include <random>

#include "detect/name_words.hpp"

namespace smpolicy::names_detail {
namespace {

std::vector<std::string> words_of(const std::string& text) {
  WordBuffers buffers;
  std::vector<std::string> words;
  for (const Token& t : tokens_of(text, KeyFilter(), buffers).tokens) {
    words.push_back(text.substr(t.begin, t.size()) + (t.possessive(text) ? "+" : ""));
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
                    Row{std::string(70, 'a') + "-b", {std::string(70, 'a') + "-b"}},
                    // A joiner at a block's last byte, joining or not as the next block begins.
                    Row{std::string(63, 'a') + "-b", {std::string(63, 'a') + "-b"}},
                    Row{std::string(63, 'a') + "- b", {std::string(63, 'a'), "b"}}));

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
  // Blocks with no apostrophe skip the test for a possessive: one apostrophe, if any, so
  // that most blocks have none and a possessive falls next to a block edge.
  const std::string no_apostrophe = "ab s-9 .A";
  for (int round = 0; round < 2000; ++round) {
    std::string text(random() % 200, ' ');
    for (char& c : text) c = no_apostrophe[random() % no_apostrophe.size()];
    if (!text.empty() && round % 2 == 0) text[random() % text.size()] = '\'';
    ASSERT_EQ(words_of(text), words_of(text + " \xE2\x80\x94")) << text;
  }
}

// A word of eight bytes or fewer is hashed by one chunk, a longer one by a loop: both must
// give word_hash (words_of checks each token's hash), wherever the word falls in a block.
TEST(NameWords, HashesWordsOfEveryLengthAtEveryPlace) {
  for (std::size_t size = 1; size <= 20; ++size) {
    for (std::size_t at = 0; at < 70; ++at) {
      const std::string word = std::string(size - 1, 'b') + "7";
      const std::string text = std::string(at, ' ') + word + " a " + word;
      ASSERT_EQ(words_of(text), (std::vector<std::string>{word, "a", word})) << size << " at " << at;
    }
  }
}

// The copy tokens_of reads is reused from post to post on a thread: a shorter text after a
// longer one must find the bytes past its end zeroed again, not the longer text's letters.
TEST(NameWords, AShortTextAfterALongOneReadsAlone) {
  for (std::size_t size = 1; size <= 140; ++size) {
    const std::string word(size, 'q');
    const std::string longer = word + word + word;
    EXPECT_EQ(words_of(longer), (std::vector<std::string>{longer}));
    ASSERT_EQ(words_of(word), (std::vector<std::string>{word})) << size;
  }
}

// The words the filter may hold are listed as they are read: exactly those, in order,
// whichever way the text is read.
TEST(NameWords, ListsTheWordsTheFilterMayHold) {
  KeyTable table;
  KeyFilter filter;
  for (std::string_view key : {"oliver", "grace", "o'neill"}) {
    bool added = false;
    table.insert(key, word_hash(key), added);
    filter.add(word_hash(key), table);
  }
  for (const std::string text : {"Well done oliver and grace o'neill's", "oliver \xE2\x80\x94 grace", "", "none here"}) {
    WordBuffers buffers;
    const Words read = tokens_of(text, filter, buffers);
    std::vector<const Token*> expected;
    for (const Token& t : read.tokens) {
      if (filter.may_hold(t.hash)) expected.push_back(&t);
    }
    EXPECT_EQ(std::vector<const Token*>(read.keyed.begin(), read.keyed.end()), expected) << text;
    for (const Token* t : expected) {
      const std::string_view w = std::string_view(text).substr(t->begin, t->size());
      EXPECT_TRUE(w == "oliver" || w == "grace" || w == "o'neill") << w;
    }
  }
  WordBuffers buffers;
  EXPECT_EQ(tokens_of("Well done oliver and grace o'neill's", filter, buffers).keyed.size(), 3u);
}

}  // namespace
}  // namespace smpolicy::names_detail
