#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "detect/name_keys.hpp"
#include "detect/names.hpp"

namespace smpolicy::names_detail {
namespace {

// Words of six letters, all different: "ka" and the number n written in base 26.
std::string key_word(std::size_t n) {
  std::string word = "ka";
  for (std::size_t k = 0; k < 4 || n != 0; ++k, n /= 26) word.push_back(static_cast<char>('a' + n % 26));
  return word;
}

struct Keys {
  KeyTable table;
  KeyFilter filter;
  std::vector<std::string> words;
  explicit Keys(std::size_t count) {
    for (std::size_t n = 0; n < count; ++n) {
      words.push_back(key_word(n));
      bool added = false;
      table.insert(words.back(), word_hash(words.back()), added);
      filter.add(word_hash(words.back()), table);
    }
  }
};

// The filter is refilled from every key as it grows: no key is ever turned away.
TEST(NameKeys, FilterHoldsEveryKeyAsItGrows) {
  for (std::size_t count : {1u, 7u, 100u, 3000u}) {
    Keys keys(count);
    for (const std::string& w : keys.words) {
      ASSERT_TRUE(keys.filter.may_hold(word_hash(w))) << w << " of " << count;
    }
  }
}

// The masks of a word's last chunk are kept before the filter's words, which are made anew
// as the filter grows: every size keeps them.
TEST(NameKeys, FilterKeepsTheByteMasksAsItGrows) {
  for (std::size_t count : {0u, 1u, 100u, 3000u}) {
    Keys keys(count);
    const KeyFilter::Bits bits = keys.filter.bits();
    EXPECT_EQ(bits.first_bytes(0x0807060504030201ull, 1), 0x01u) << count;
    EXPECT_EQ(bits.first_bytes(0x0807060504030201ull, 3), 0x030201u) << count;
    EXPECT_EQ(bits.first_bytes(0x0807060504030201ull, 7), 0x07060504030201u) << count;
    EXPECT_EQ(bits.first_bytes(0x0807060504030201ull, 8), 0x0807060504030201u) << count;
  }
}

// A short word's hash has low bits that depend on its first letters only, so the filter reads
// the high bits: words that differ from a key in their last letter alone are let through by
// chance no more often than the filter's size allows (one in thirty to sixty), not because
// they begin as a key does.
TEST(NameKeys, FilterTurnsAwayWordsThatDifferInTheirLastLetter) {
  Keys keys(3000);
  std::size_t probes = 0, through = 0;
  for (const std::string& w : keys.words) {
    for (char last : {'0', '1', '2', '3'}) {
      std::string other = w;
      other.back() = last;
      ++probes;
      through += keys.filter.may_hold(word_hash(other)) ? 1 : 0;
    }
  }
  EXPECT_LT(through * 16, probes) << through << " of " << probes;
}

// The table numbers keys in the order added; a find gives that number plus one, 0 for none.
TEST(NameKeys, TableFindsKeysByNumber) {
  Keys keys(500);
  for (std::uint32_t n = 0; n < keys.words.size(); ++n) {
    ASSERT_EQ(keys.table.find(keys.words[n], word_hash(keys.words[n])), n + 1) << keys.words[n];
  }
  EXPECT_EQ(keys.table.find("zzz", word_hash("zzz")), 0u);
  EXPECT_EQ(keys.table.find("kaaaaa", word_hash(keys.words[1])), 0u);  // the hash of another key
}

// find_word tells a word of up to eight bytes by its hash and length alone, a longer one by
// its letters too: each finds every key, and no word that is not one, of any length.
TEST(NameKeys, WordsAreFoundByHashAndLength) {
  KeyTable table;
  const std::vector<std::string> keys = {"a",          "ab",         "oliver", "isabella",
                                         "maximilian", "anne-marie", "o'neill"};
  for (const std::string& key : keys) {
    bool added = false;
    table.insert(key, word_hash(key), added);
  }
  for (std::uint32_t n = 0; n < keys.size(); ++n) {
    EXPECT_EQ(table.find_word(keys[n], word_hash(keys[n])), n + 1) << keys[n];
    EXPECT_EQ(table.find(keys[n], word_hash(keys[n])), n + 1) << keys[n];
  }
  for (std::string_view other :
       {"b", "ba", "a0", "olivers", "olive", "isabelle", "maximiliam", "maximilia", "anne"}) {
    EXPECT_EQ(table.find_word(other, word_hash(other)), 0u) << other;
  }
}

// same_text reads eight bytes at a time and its last eight over some already read: at
// every length it tells a text from itself and from one differing at any single byte.
TEST(NameKeys, SameTextTellsADifferenceAtEveryPlace) {
  const std::string text = "oliver bennett-smithson";
  for (std::size_t n = 0; n <= text.size(); ++n) {
    const std::string a = text.substr(0, n);
    EXPECT_TRUE(same_text(a, std::string(a))) << n;
    EXPECT_FALSE(same_text(a, a + "s")) << n;
    for (std::size_t at = 0; at < n; ++at) {
      std::string b = a;
      b[at] = '#';
      EXPECT_FALSE(same_text(a, b)) << n << " " << at;
    }
  }
}

}  // namespace
}  // namespace smpolicy::names_detail
