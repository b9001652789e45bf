#include <gtest/gtest.h>

#include "decide/json_out.hpp"

namespace smpolicy {
namespace {

using namespace std::literals;

TEST(JsonOut, WritesAfterWhatTheStringHeldAndIsCutToIt) {
  std::string out = "head:";
  {
    JsonOut writer(out);
    writer.put('{');
    writer.put("\"n\":"sv);
    writer.number(0);
    writer.put(',');
    writer.number(4294967295u);
    writer.put(""sv);
    writer.put('}');
  }
  EXPECT_EQ(out, "head:{\"n\":0,4294967295}");
}

// Plain strings are written by the writer itself, the rest by append_json_string: either
// way the bytes are the same.
TEST(JsonOut, StringsAreWrittenAsAppendJsonStringWritesThem) {
  for (std::string text : {""s, "plain"s, "a\"b\\c"s, "line\nnext"s, std::string("nul\0x", 5), "caf\xC3\xA9"s,
                           "bad\xFF"s, std::string(40, 'x') + "\t"}) {
    std::string expected = "[";
    append_json_string(expected, text);
    append_json_string(expected, "after");
    std::string out = "[";
    {
      JsonOut writer(out);
      writer.string(text);
      writer.string("after");
    }
    EXPECT_EQ(out, expected) << text;
  }
}

// A member's name and its value, written with one check for room, are the bytes put and
// string (or number) write one after the other, escaped or not.
TEST(JsonOut, MembersAreTheirNameThenTheirValue) {
  for (std::string text : {""s, "plain"s, "a\"b"s, "tab\there"s, "caf\xC3\xA9"s, "bad\xFF"s, std::string(3000, 'y') + "\n"}) {
    std::string expected = "{\"k\":";
    append_json_string(expected, text);
    expected += ",\"n\":42";
    std::string out;
    {
      JsonOut writer(out);
      writer.member("{\"k\":"sv, text);
      writer.member(",\"n\":"sv, 42u);
    }
    EXPECT_EQ(out, expected) << text;
  }
}

// Past its first room the writer grows the string, keeping what it wrote; bytes written
// before are written again from wherever they now lie.
TEST(JsonOut, GrowsAndRepeatsEarlierBytes) {
  std::string out, expected;
  {
    JsonOut writer(out);
    writer.put("start"sv);
    expected = "start";
    for (int i = 0; i < 2000; ++i) {
      std::size_t begin = writer.offset();
      writer.string("item");
      writer.number(static_cast<std::uint32_t>(i));
      std::size_t end = writer.offset();
      writer.repeat(begin, end);
      std::string piece = "\"item\"" + std::to_string(i);
      expected += piece + piece;
      EXPECT_EQ(end - begin, piece.size());
    }
    writer.put(std::string(10000, 'z'));
    expected += std::string(10000, 'z');
  }
  EXPECT_EQ(out, expected);
}

// Pieces below 32 bytes are copied in line, by widths that depend on their size: every
// size from none to past that is the bytes it was given, whether put, a member's value or
// bytes written again.
TEST(JsonOut, PiecesOfEverySizeAreCopiedWhole) {
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string text;
    for (std::size_t i = 0; i < n; ++i) text += static_cast<char>('a' + i % 26);
    std::string out;
    std::size_t begin = 0, end = 0;
    {
      JsonOut writer(out);
      writer.put(text);
      begin = writer.offset();
      writer.member(",", text);
      end = writer.offset();
      writer.repeat(begin, end);
    }
    EXPECT_EQ(out, text + ",\"" + text + "\",\"" + text + "\"") << n;
  }
}

}  // namespace
}  // namespace smpolicy
