#include <gtest/gtest.h>

#include "event/event.hpp"

namespace smpolicy {
namespace {

TEST(EventReader, ReadsNestedObjectsAndListsOfObjects) {
  auto e = parse_event(R"({"kind":"post","account":"official","platform":"facebook","text":"Hi",
      "images":[{"path":"a.jpg","people":["pupil:1","pupil:2"],"shows":["uniform"]},{"path":"b.jpg","people":["pupil:3"]}],
      "time":"2026-03-03T10:15:00+00:00","mood":"sunny","extra":{"deep":[1,2]}})", 7);
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->kind, Kind::post);
  EXPECT_EQ(e->line, 7);
  EXPECT_EQ(e->field("images.people").list, (std::vector<std::string>{"pupil:1", "pupil:2", "pupil:3"}));
  EXPECT_EQ(e->field("images.path").list.size(), 2u);
  EXPECT_EQ(e->field("audience").text, "public");  // the schema's fallback
  EXPECT_TRUE(e->field("approved_by").missing());
}

// Every field, the id and the line of two events, compared.
void expect_same(const Event& a, const Event& b) {
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.line, b.line);
  ASSERT_EQ(a.fields.size(), b.fields.size());
  for (std::size_t i = 0; i < a.fields.size(); ++i) {
    const Value &x = a.fields[i], &y = b.fields[i];
    EXPECT_EQ(x.type, y.type) << i;
    EXPECT_EQ(x.boolean, y.boolean) << i;
    EXPECT_EQ(x.choice, y.choice) << i;
    EXPECT_EQ(x.number, y.number) << i;
    EXPECT_EQ(x.text, y.text) << i;
    EXPECT_EQ(x.list, y.list) << i;
  }
}

TEST(EventReader, ALineParsedIntoAUsedEventIsTheEventParsedAfresh) {
  std::vector<std::string> lines = {
      R"({"id":"p1","text":"A long enough post to need its own room","platform":"facebook","audience":"friends","author":"x"})",
      R"({"text":"short"})",
      R"({"kind":"contact","action":"accept","counterpart":{"role":"pupil"}})",  // read by the JSON library
      R"({"id":"p3","text":"plain again","account":"official","time":"2026-03-03T10:15:00+00:00"})",
      R"({"id":"p4","text":"bad","audience":"everyone"})",  // an error part way through
      R"({"text":"after the error"})"};
  Event reused;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto fresh = parse_text_line(lines[i], static_cast<int>(i + 1));
    auto into = parse_text_line(lines[i], static_cast<int>(i + 1), reused);
    ASSERT_EQ(fresh.has_value(), into.has_value()) << lines[i];
    if (fresh) expect_same(reused, *fresh);
    else EXPECT_EQ(into.error().message, fresh.error().message);
  }
}

// Whatever a caller left in the event (derived fields, lists, a fallback changed), the
// next line read into it is read as into a fresh one.
TEST(EventReader, ALineParsedIntoAnEventACallerChangedIsTheEventParsedAfresh) {
  std::string line = R"({"id":"p2","text":"plain","links":"https://example.com"})";
  auto fresh = parse_text_line(line, 2);
  ASSERT_TRUE(fresh) << fresh.error().message;
  Event reused;
  ASSERT_TRUE(parse_text_line(R"({"id":"p1","text":"first","links":"a","audience":"friends"})", 1, reused));
  for (Value& v : reused.fields) {
    v.boolean = true;
    v.choice = 2;
    v.number = 7;
    v.text = "left over";
    v.list.push_back("left over");
  }
  ASSERT_TRUE(parse_text_line(line, 2, reused));
  expect_same(reused, *fresh);
}

TEST(EventReader, ContactCounterpartFields) {
  auto e = parse_event(R"({"kind":"contact","action":"accept","counterpart":{"role":"former_pupil","age":17,"left_on":"2025-07-20","related_to_staff":false}})", 1);
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->field("counterpart.age").number, 17);
  EXPECT_FALSE(e->field("counterpart.related_to_staff").boolean);
  EXPECT_FALSE(e->field("counterpart.related_to_staff").missing());
}

TEST(EventReader, ErrorsNameTheLineAndTheFieldOrColumn) {
  struct Row { const char* json; const char* message; };
  for (const auto& row : std::vector<Row>{
           {R"({"kind":"contact","action":"accept","counterpart":{"role":"pupil","age":"twelve"}})",
            "4: field counterpart.age: expected a number, got string"},
           {R"({"kind":"contact","action":"wave","counterpart":{"role":"pupil"}})",
            "4: field action: 'wave' is not one of friend_request_received, friend_request_sent, accept, follow, message_sent, message_received"},
           {R"({"kind":"contact","action":"accept"})", "4: field counterpart.role is required for contact events"},
           {R"({"kind":"teleport"})", "4: field kind: unknown event kind 'teleport'"},
           {R"({"action":"accept"})", "4: field kind is missing"},
           {R"([1,2])", "4: expected a JSON object, got array"},
           {R"({"kind":"web_access","user":"u","host":"h","time":"2026-03-03 10:15"})",
            "4: field time: '2026-03-03 10:15' is not an ISO 8601 time with offset: too short"},
           {R"({"kind":"post","account":"personal","links":["a",3]})", "4: field links: expected a list of strings, found number"},
       }) {
    auto e = parse_event(row.json, 4);
    ASSERT_FALSE(e) << row.json;
    EXPECT_EQ(e.error().message, row.message);
  }
}

TEST(EventReader, MalformedJsonNamesTheColumn) {
  auto e = parse_event(R"({"kind": "post", oops})", 9);
  ASSERT_FALSE(e);
  EXPECT_TRUE(e.error().message.starts_with("9:18: invalid JSON")) << e.error().message;
}

TEST(EventReader, NumbersTooLargeForADoubleAreNamedNotThrown) {
  auto e = parse_event(R"({"kind":"post","text":"x","n":1e999})", 3);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().message, "3:31: invalid JSON: number '1e999' is too large");
  auto fields = parse_json_fields("5555555555525e55555555");
  ASSERT_FALSE(fields);
  EXPECT_EQ(fields.error().message, "1:1: invalid JSON: number '5555555555525e55555555' is too large");
}

TEST(EventReader, TextLinesArePublicPersonalPosts) {
  auto e = parse_text_line(R"({"id":"p7","text":"Sunny day"})", 1);
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->id, "p7");
  EXPECT_EQ(e->field("account").text, "personal");
  EXPECT_EQ(e->field("audience").text, "public");
  EXPECT_EQ(e->field("text").text, "Sunny day");
}

// Plain lines take a fast path; each row's second line says the same with an escape,
// which nlohmann reads, so both paths must agree on the event or the error.
TEST(EventReader, PlainTextLinesReadAsNlohmannReadsThem) {
  struct Row {
    const char *plain, *escaped;
  };
  const Row rows[] = {
      {R"({"id":"p1","text":"Café time"})", R"({"id":"p1","text":"Caf\u00e9 time"})"},
      {"{\"text\":\"Caf\xc3\xa9 \xf0\x9f\x8d\xb0\"}", R"({"text":"Caf\u00e9 \ud83c\udf70"})"},
      {R"( { "text" : "a" , "audience" : "friends" , "extra" : "x" } )", R"({"text":"\u0061","audience":"friends","extra":"x"})"},
      {R"({"text":"a","audience":"everyone"})", R"({"text":"\u0061","audience":"everyone"})"},
      {R"({"audience":"everyone","account":"nobody","text":"a"})", R"({"audience":"everyone","account":"nobody","text":"\u0061"})"},
      {R"({"id":"p2"})", R"({"id":"p\u0032"})"},
      // Members in no order: the first to fail in key order names the error.
      {R"({"text":"a","platform":"x","audience":"everyone","account":"nobody"})",
       R"({"text":"\u0061","platform":"x","audience":"everyone","account":"nobody"})"},
      {R"({"purpose":"x","text":"t","audience":"friends","links":"l","author":"me","platform":"p"})",
       R"({"purpose":"x","text":"\u0074","audience":"friends","links":"l","author":"me","platform":"p"})"},
      // A repeated key, apart from its twin or next to it: the last one wins.
      {R"({"text":"a","id":"x","text":"b"})", R"({"text":"\u0061","id":"x","text":"b"})"},
      {R"({"author":"m","text":"a","id":"x","author":"n"})", R"({"author":"m","text":"\u0061","id":"x","author":"n"})"},
  };
  for (const auto& row : rows) {
    auto plain = parse_text_line(row.plain, 3), escaped = parse_text_line(row.escaped, 3);
    ASSERT_EQ(plain.has_value(), escaped.has_value()) << row.plain;
    if (!plain) {
      EXPECT_EQ(plain.error().message, escaped.error().message);
      continue;
    }
    EXPECT_EQ(plain->id, escaped->id);
    EXPECT_EQ(plain->line, 3);
    for (std::size_t i = 0; i < plain->fields.size(); ++i) EXPECT_EQ(plain->fields[i].text, escaped->fields[i].text) << row.plain;
  }
}

// The fast path looks at a line 64, 32 or 16 bytes at a time: a text of any length, with a
// byte that stops it anywhere, is read whole, and a byte that is not JSON is refused.
TEST(EventReader, TextsOfAnyLengthReadWholeWhereverABytePlainLinesLackFalls) {
  struct Special {
    std::string json, text;
    bool valid;
  };
  const Special specials[] = {{"", "", true},
                              {"\xC3\xA9", "\xC3\xA9", true},
                              {R"(\")", "\"", true},
                              {R"(\n)", "\n", true},
                              {"\x01", "", false},
                              {"\xFF", "", false}};
  for (const auto& special : specials) {
    for (std::size_t size = 0; size <= 150; ++size) {
      for (std::size_t at = 0; at <= size; at += special.json.empty() ? size + 1 : 1) {
        std::string before(at, 'a'), after(size - at, 'b');
        auto e = parse_text_line(R"({"id":"x","text":")" + before + special.json + after + R"("})", 1);
        ASSERT_EQ(e.has_value(), special.valid) << size << " " << at;
        if (e) {
          EXPECT_EQ(e->field("text").text, before + special.text + after) << size << " " << at;
        }
      }
    }
  }
}

TEST(EventReader, LinesOffTheFastPathStillNameTheirErrors) {
  auto bad_utf8 = parse_text_line("{\"text\":\"a\xff\"}", 4);
  ASSERT_FALSE(bad_utf8);
  EXPECT_TRUE(bad_utf8.error().message.starts_with("4:")) << bad_utf8.error().message;
  auto repeated = parse_text_line(R"({"text":"a","text":"b"})", 5);
  ASSERT_TRUE(repeated) << repeated.error().message;
  EXPECT_EQ(repeated->field("text").text, "b");
}

TEST(EventReader, WrappedEventsCarryLabelsAndStatedFindings) {
  auto w = parse_wrapped_event(R"({"rule":"r1","fires":true,"event":{"kind":"post","account":"personal","text":"damn"},"findings":[{"kind":"language.profanity","span":[0,4]}]})", 2);
  ASSERT_TRUE(w) << w.error().message;
  EXPECT_EQ(w->label("rule"), "r1");
  EXPECT_EQ(w->label("fires"), "true");
  ASSERT_EQ(w->findings.size(), 1u);
  EXPECT_EQ(w->findings[0].end, 4u);
}

TEST(FindingKinds, PrefixesMatchWholeSegments) {
  EXPECT_TRUE(kind_under("language.slur", "language"));
  EXPECT_TRUE(kind_under("language.slur", "language.slur"));
  EXPECT_FALSE(kind_under("languages", "language"));
  EXPECT_FALSE(kind_under("language", "language.slur"));
}

}  // namespace
}  // namespace smpolicy
