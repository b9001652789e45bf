#include <gtest/gtest.h>

#include <string>

#include "decide/same_bytes.hpp"

namespace smpolicy {
namespace {

using namespace std::literals;

// Every length from empty to past two words, each byte changed in turn: same_bytes must
// answer as == does, wherever the difference falls (the overlapping last word included).
TEST(SameBytes, AnswersAsEqualityDoesAtEveryLengthAndPlace) {
  for (std::size_t n = 0; n <= 20; ++n) {
    std::string a(n, 'a');
    for (std::size_t i = 0; i < n; ++i) a[i] = static_cast<char>('a' + i);
    std::string b = a;
    EXPECT_TRUE(same_bytes(a, b)) << n;
    for (std::size_t i = 0; i < n; ++i) {
      std::string c = a;
      c[i] = '\0';
      EXPECT_FALSE(same_bytes(a, c)) << n << " at " << i;
      EXPECT_FALSE(same_bytes(c, a)) << n << " at " << i;
    }
    EXPECT_FALSE(same_bytes(a, a + "x")) << n;
  }
}

TEST(SameBytes, ComparesTheNamesDecideMeets) {
  struct Row {
    std::string_view a, b;
    bool same;
  };
  const Row rows[] = {
      {"text"sv, "text"sv, true},
      {"text"sv, "Text"sv, false},
      {"language.profanity"sv, "language.profanity"sv, true},
      {"language.profanity"sv, "language.profanitx"sv, false},
      {"person.pupil"sv, "person.staff"sv, false},
      {"official"sv, "personal"sv, false},
      {""sv, ""sv, true},
      {"a\0b"sv, "a\0c"sv, false},
  };
  for (const Row& row : rows) EXPECT_EQ(same_bytes(row.a, row.b), row.same) << row.a << " / " << row.b;
}

}  // namespace
}  // namespace smpolicy
