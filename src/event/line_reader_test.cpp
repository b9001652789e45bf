#include <gtest/gtest.h>

#include "event/event.hpp"

namespace smpolicy {
namespace {

// Every field, the id and the line of two events, compared.
void expect_same(const Event& a, const Event& b, const std::string& line) {
  EXPECT_EQ(a.kind, b.kind) << line;
  EXPECT_EQ(a.id, b.id) << line;
  EXPECT_EQ(a.line, b.line) << line;
  ASSERT_EQ(a.fields.size(), b.fields.size()) << line;
  for (std::size_t i = 0; i < a.fields.size(); ++i) {
    const Value &x = a.fields[i], &y = b.fields[i];
    EXPECT_EQ(x.type, y.type) << line << " field " << i;
    EXPECT_EQ(x.boolean, y.boolean) << line << " field " << i;
    EXPECT_EQ(x.choice, y.choice) << line << " field " << i;
    EXPECT_EQ(x.number, y.number) << line << " field " << i;
    EXPECT_EQ(x.text, y.text) << line << " field " << i;
    EXPECT_EQ(x.list, y.list) << line << " field " << i;
  }
}

// Each line read after the others is the event parse_text_line makes of it alone: a
// field one line set, a fallback it changed, a list it grew and an error part way
// through are all gone by the next line.
TEST(LineReader, EachLineReadsAsIfReadAlone) {
  std::vector<std::string> lines = {
      R"({"id":"p1","text":"A long enough post to need its own room","platform":"facebook","audience":"friends","author":"x"})",
      R"({"text":"short"})",
      R"({"id":"p2","text":"links","links":"https://example.com","device":"school","time":"2026-03-03T10:15:00+00:00"})",
      R"({"id":"p3","text":"no links"})",
      R"({"kind":"contact","action":"accept","counterpart":{"role":"pupil"}})",  // read by the JSON library
      R"({"id":"p4","text":"plain after a contact","account":"official"})",
      R"({"id":"p5","text":"escaped \"quote\"","links":["a","b"],"audience":"friends"})",  // the library again, a post
      R"({"text":"plain after a library post"})",
      R"({"id":"p6","text":"bad","platform":"x","purpose":"nothing of the sort"})",  // fails after setting platform
      R"({"text":"after the error"})",
      R"({"id":"p7","text":"bad","audience":"everyone"})",  // fails at its first field
      R"({"id":"p8","text":"last","approved_by":"head"})",
      "not JSON at all",
      R"({"text":"after bad JSON"})"};
  LineReader reader;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto alone = parse_text_line(lines[i], static_cast<int>(i + 1));
    auto read = reader.read(lines[i], static_cast<int>(i + 1));
    ASSERT_EQ(alone.has_value(), read.has_value()) << lines[i];
    if (alone) expect_same(reader.event(), *alone, lines[i]);
    else EXPECT_EQ(read.error().message, alone.error().message);
  }
}

TEST(LineReader, EveryLineReadTwiceInARowIsTheSame) {
  std::string line = R"({"id":"p1","text":"again","links":"https://example.com","audience":"friends"})";
  auto alone = parse_text_line(line, 3);
  ASSERT_TRUE(alone) << alone.error().message;
  LineReader reader;
  ASSERT_TRUE(reader.read(line, 3));
  ASSERT_TRUE(reader.read(line, 3));
  expect_same(reader.event(), *alone, line);
  EXPECT_EQ(reader.event().field("links").list.size(), 1u);
}

}  // namespace
}  // namespace smpolicy
