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

}  // namespace
}  // namespace smpolicy
