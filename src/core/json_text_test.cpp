#include <gtest/gtest.h>

#include "core/core.hpp"

namespace smpolicy {
namespace {

TEST(JsonText, EscapesAndRepairsInvalidUtf8) {
  struct Row { std::string in, out; };
  for (const auto& row : std::vector<Row>{
           {"plain", "\"plain\""},
           {"a\"b\\c", "\"a\\\"b\\\\c\""},
           {"line\nnext\t", "\"line\\nnext\\t\""},
           {std::string("nul\0x", 5), "\"nul\\u0000x\""},
           {"caf\xC3\xA9", "\"caf\xC3\xA9\""},
           {"bad\xFF", "\"bad\xEF\xBF\xBD\""},
           {"cut\xE2\x82", "\"cut\xEF\xBF\xBD\xEF\xBF\xBD\""},
       }) {
    std::string out;
    append_json_string(out, row.in);
    EXPECT_EQ(out, row.out);
  }
}

// Long runs are checked eight bytes at a time; whatever byte needs escaping, and wherever
// it falls in a run, it is escaped just as it is alone.
TEST(JsonText, EscapesEachByteWhereverItFallsInALongRun) {
  const std::string specials[] = {"\"", "\\", "\n", std::string(1, '\0'), "\x1f", "\x7f", "caf\xC3\xA9", "\xFF"};
  for (const auto& special : specials) {
    std::string alone;
    append_json_string(alone, special);
    alone = alone.substr(1, alone.size() - 2);
    for (std::size_t at = 0; at <= 20; ++at) {
      std::string in = std::string(at, 'a') + special + std::string(20 - at, 'b'), out;
      append_json_string(out, in);
      EXPECT_EQ(out, "\"" + std::string(at, 'a') + alone + std::string(20 - at, 'b') + "\"") << at;
    }
  }
}

// The plain prefix ends at the first byte that needs more than copying, wherever it falls
// in a run of eight.
TEST(JsonText, PlainPrefixEndsAtTheFirstByteToEscape) {
  const std::string specials[] = {"\"", "\\", "\n", std::string(1, '\0'), "\x1f", "\xC3\xA9", "\xFF"};
  for (const auto& special : specials) {
    for (std::size_t at = 0; at <= 20; ++at) {
      std::string in = std::string(at, 'a') + special + std::string(20 - at, '~');
      EXPECT_EQ(plain_json_prefix(in), at) << at;
    }
  }
  EXPECT_EQ(plain_json_prefix(std::string(21, ' ') + "\x7f"), 22u);
  EXPECT_EQ(plain_json_prefix(""), 0u);
}

}  // namespace
}  // namespace smpolicy

namespace smpolicy {
namespace {

TEST(Text, HtmlEscapingCoversMarkupAndBothQuotes) {
  EXPECT_EQ(escape_html(R"(<a href="x">Tom & Jerry's</a>)"), "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
}

TEST(Text, ListsAreSplitTrimmedAndEmptyItemsDropped) {
  EXPECT_EQ(split_list(" staff:ja, staff:mo ,,", ','), (std::vector<std::string>{"staff:ja", "staff:mo"}));
  EXPECT_TRUE(split_list("", ',').empty());
  EXPECT_EQ(split_list("Hillside\r\n\r\n Hillside Primary\t\r\n", '\n'), (std::vector<std::string>{"Hillside", "Hillside Primary"}));
}

}  // namespace
}  // namespace smpolicy
