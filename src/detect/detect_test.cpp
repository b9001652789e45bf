#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "detect/detect.hpp"

namespace smpolicy {
namespace {

// A small lexicon of our own, so these tests do not move when data/lexicon/ is curated.
const Lexicon& lexicon() {
  static auto parsed = parse_lexicon(LexiconFiles{
      "term\tkind\tseverity\n"
      "fuck*\tlanguage.profanity\t3\nshit\tlanguage.profanity\t2\nbitch\tlanguage.insult\t2\n"
      "idiot\tlanguage.insult\t1\nfaggot\tlanguage.slur\t3\ni will kill you\tlanguage.threat\t3\nvermin\tlanguage.derogatory\t3\n",
      "term\tkind\n# a comment line\nmy class\tstaff_cue\n#teacherlife\tstaff_cue\nviews my own\tdisclaimer\nofsted\ttopic.internal\nrumour*\ttopic.gossip\n",
      "name\tnicknames\noliver\tollie,olly\nwilliam\twill,bill,billy\n",
      "will\ngrace\nrose\nsummer\nhope\n", "bit.ly\n",
      "pattern\tkind\n\\b(i'll|i will) (knock|punch) (your|his|her) (teeth|head) (out|in)\\b\tlanguage.threat\n",
      "faggots and peas\n"});
  EXPECT_TRUE(parsed) << parsed.error().message;
  return *parsed;
}

const Pack& pack() {
  static auto loaded = parse_pack(R"([pack]
id = "d"
title = "D"
[school]
names = ["Hillside Primary School", "Hillside Primary"]
email_domains = ["hillside.sch.uk"]
phones = ["01632 960123"]
[[clause]]
id = "1"
says = "All."
[[rule]]
id = "f"
on = "any"
when = "always"
outcome = "allow"
severity = "info"
clauses = ["1"]
message = "ok"
fallback = true
)", "d.toml");
  EXPECT_TRUE(loaded) << loaded.error().message;
  return **loaded;
}

std::shared_ptr<const Matcher> matcher() {
  static auto roster = parse_roster(
      "id,role,given_name,family_name,preferred_name\n"
      "pupil:1,pupil,Oliver,Bennett,\npupil:2,pupil,Grace,Hill,\npupil:3,pupil,William,Hart,\n"
      "pupil:4,pupil,Zofia,Nowak,\npupil:5,pupil,Siobhan,O'Neill,\nstaff:1,staff,Dawn,Price,\n",
      "r.csv");
  static auto m = compile_matcher(pack(), &roster->roster, lexicon());
  return m;
}

struct Row {
  std::string text;
  std::vector<std::string> found;  // "kind:text" for every finding, in span order
};

class DetectTable : public testing::TestWithParam<Row> {};

TEST_P(DetectTable, FindsExactlyThese) {
  const Row& row = GetParam();
  std::vector<std::string> found;
  for (const auto& f : detect_text(row.text, "text", *matcher())) {
    ASSERT_LE(f.end, row.text.size());
    found.push_back(f.kind + ":" + row.text.substr(f.begin, f.end - f.begin));
  }
  EXPECT_EQ(found, row.found) << row.text;
}

INSTANTIATE_TEST_SUITE_P(People, DetectTable, testing::Values(
    Row{"Well done Oliver Bennett!", {"person.pupil:Oliver Bennett"}},
    Row{"So proud of #OliverBennett today", {"person.pupil:OliverBennett"}},
    Row{"Ollie's reading is coming on", {"person.pupil:Ollie"}},
    Row{"well done ollie bennett", {"person.pupil:ollie bennett"}},
    Row{"Great work from Grace H. in maths", {"person.pupil:Grace H"}},
    Row{"Zofia was star of the week", {"person.pupil:Zofia"}},
    Row{"well done zofia in year 4", {"person.pupil:zofia"}}, Row{"Zofia Kowalski was star of the week", {}},
    Row{"Well done to Siobhan O'Neill", {"person.pupil:Siobhan O'Neill"}},
    Row{"Mrs Price ran the bake sale", {"person.staff:Mrs Price"}},
    Row{"Well done Grace in Year 4", {"person.pupil:Grace"}},
    Row{"I will bring cake, by the grace of God", {}},
    Row{"Will and Grace re-runs all weekend", {}},
    Row{"Amazing Grace at the carol service", {}},
    Row{"Saw Grace Kelly's old film", {}},
    Row{"Summer holidays! Hope the sun lasts", {}},
    Row{"A rose in the garden", {}},
    Row{"Ollie, Grace and Billy were brilliant today",
        {"person.pupil:Ollie", "person.pupil:Grace", "person.pupil:Billy"}},
    Row{"G. Hill won the spelling test", {"person.pupil:G. Hill"}},
    // A lone letter starts a name only with a family name after it, and "A" or "I" only
    // with a full stop.
    Row{"Well done O Bennett", {"person.pupil:O Bennett"}}, Row{"A Hill walk and I Nowak", {}},
    Row{"a day out, g hill", {}},
    Row{"Grace H won the race", {"person.pupil:Grace H"}},
    Row{"Zofia did brilliant work today", {"person.pupil:Zofia"}},
    Row{"Rose, Zofia and Ivy did brilliant work", {"person.pupil:Zofia"}},
    Row{"Can't believe Zofia finally learnt her tables", {"person.pupil:Zofia"}},
    Row{"#zofia #year4", {"person.pupil:zofia"}},
    Row{"Lovely chat with her dad about Grace's chess", {"person.pupil:Grace"}},
    Row{"Siobhan O Neill won the award", {"person.pupil:Siobhan O Neill"}},
    Row{"My niece Zofia read her first book, so proud", {}},
    Row{"Rose, Hope and Grace all planted, amazing", {}},
    Row{"Amazing Grace was brilliant at the concert", {}},
    Row{"Oliver! at the theatre was fantastic", {}},
    Row{"well done grace in year 4!", {"person.pupil:grace"}},
    Row{"WELL DONE GRACE", {"person.pupil:GRACE"}},
    Row{"WELL DONE GRACE IN YEAR 4", {"person.pupil:GRACE"}},
    Row{"I LOVE ZOFIA'S BOOKS, AMAZING", {}},
    Row{"will the year 6 kids enjoy it?", {}},
    Row{"Well done Ollie\U0001F389 in Year 4", {"person.pupil:Ollie"}},
    Row{"\u2B50Grace Hill\u2B50 star of the week", {"person.pupil:Grace Hill"}},
    Row{"Today Siobhan stood up in front of everyone and read her poem", {"person.pupil:Siobhan"}},
    Row{"Lovely afternoon with the kids in 4B, especially Zofia who helped", {"person.pupil:Zofia"}},
    Row{"big thanks to zofia for tidying up", {"person.pupil:zofia"}},
    Row{"Ollie finally scored his first goal", {"person.pupil:Ollie"}},
    Row{"Will you be at the school fair?", {}},
    Row{"Will the year 6 kids enjoy it?", {}}));

INSTANTIATE_TEST_SUITE_P(PersonalData, DetectTable, testing::Values(
    Row{"Call 07700 900123 after six", {"personal_data.phone:07700 900123"}},
    Row{"or +44 7700 900456", {"personal_data.phone:+44 7700 900456"}},
    Row{"landline 01632960999", {"personal_data.phone:01632960999"}},
    Row{"ring the office on 01632 960123", {"school.contact:01632 960123"}},
    Row{"Email jane.doe@example.com", {"personal_data.email:jane.doe@example.com"}},
    Row{"Office: office@hillside.sch.uk", {"school.contact:office@hillside.sch.uk"}},
    Row{"We live at SW1A 1AA", {"personal_data.postcode:SW1A 1AA"}},
    Row{"postcode m1 1ae", {"personal_data.postcode:m1 1ae"}},
    Row{"party at 12 Acacia Avenue", {"personal_data.address:12 Acacia Avenue"}},
    Row{"born 14/03/2016 in Leeds", {"personal_data.date_of_birth:14/03/2016"}},
    Row{"DOB: 3rd March 2016", {"personal_data.date_of_birth:3rd March 2016"}},
    Row{"NHS no 943 476 5919", {"personal_data.nhs_number:943 476 5919"}},
    Row{"NHS no 943 476 5918", {}},
    Row{"NI AB123456C", {"personal_data.ni_number:AB123456C"}},
    Row{"Year 6 scored 24 points on 14/03/2024", {}},
    // Digits are found sixteen bytes at a time, then in the last few: shapes in both.
    Row{"Please ring the front desk any time on 07700 900123", {"personal_data.phone:07700 900123"}},
    Row{"A long line of words first, then we live at SW1A 1AA", {"personal_data.postcode:SW1A 1AA"}},
    Row{"our baby boy was born on 14/03/2016", {"personal_data.date_of_birth:14/03/2016"}},
    Row{"big news about bob: d.o.b 14/03/2016", {"personal_data.date_of_birth:14/03/2016"}},
    Row{"Class 4 pupils walk to Acacia Avenue", {}}));

INSTANTIATE_TEST_SUITE_P(Language, DetectTable, testing::Values(
    Row{"What a f.u.c.k.i.n.g day", {"language.profanity:f.u.c.k.i.n.g"}},
    Row{"sh1t", {"language.profanity:sh1t"}},
    Row{"what a shit\U0001F644 day", {"language.profanity:shit"}},
    Row{"total sh*t", {"language.profanity:sh*t"}},
    Row{"you b!tch", {"language.insult:b!tch"}},
    Row{"they are idiots", {"language.insult:idiots"}},
    // Plurals are the term plus "s" or "es", then the end of the word.
    Row{"you bitches", {"language.insult:bitches"}},
    Row{"a bitchess and a bitchs", {"language.insult:bitchs"}},
    Row{"I WILL KILL YOU", {"language.threat:I WILL KILL YOU"}},
    Row{"Scunthorpe and Essex", {}},
    Row{"my gay friends and Muslim colleagues", {}},
    Row{"These f***ing parents", {"language.profanity:f***ing"}},
    Row{"oh f*** off", {"language.profanity:f***"}},
    Row{"I'll knock his teeth out", {"language.threat:I'll knock his teeth out"}},
    Row{"What a s h i t show", {"language.profanity:s h i t"}},
    Row{"Faggots and peas for tea", {}},
    // A term inside a longer word is no finding; beside a stop, a space or an emoji it is.
    Row{"bullshit, shitty, shit. idiot🙄", {"language.profanity:shit", "language.insult:idiot"}},
    Row{"shit9 9shit idiot2", {}}));

INSTANTIATE_TEST_SUITE_P(SchoolAndTopics, DetectTable, testing::Values(
    Row{"Parents at Hillside Primary School said", {"school.name:Hillside Primary School"}},
    Row{"my class loved it", {"staff_cue:my class"}},
    Row{"Great day #teacherlife", {"staff_cue:#teacherlife"}},
    Row{"#teacherlife\U0001F34E", {"staff_cue:#teacherlife"}},
    Row{"Rumours about Ofsted", {"topic.gossip:Rumours", "topic.internal:Ofsted"}},
    Row{"views my own", {"disclaimer:views my own"}},
    Row{"See https://bit.ly/abc and www.example.org.", {"link.shortener:https://bit.ly/abc", "link:www.example.org"}},
    Row{"bit.ly/xyz", {"link.shortener:bit.ly/xyz"}}));

TEST(Detect, ScansEveryTextFieldOfTheEvent) {
  auto e = parse_event(R"({"kind":"group_join","group":{"name":"Hillside Primary parents","description":"rumours"}})", 1);
  ASSERT_TRUE(e);
  auto found = detect(*e, *matcher());
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found.front().field, "group.name");
  EXPECT_EQ(found.back().field, "group.description");
}

// A list detected into again holds exactly the new event's findings, whatever it held
// before (more findings, fewer, other fields), as a fresh list would.
TEST(Detect, DetectingIntoAUsedListGivesWhatAFreshListGets) {
  auto many = parse_event(R"({"kind":"group_join","group":{"name":"Hillside Primary parents","description":"rumours"}})", 1);
  auto post = parse_event(R"({"kind":"post","account":"personal","text":"Call 07700 900123, e-mail jo@example.com"})", 2);
  auto none = parse_event(R"({"kind":"post","account":"personal","text":"a quiet day"})", 3);
  ASSERT_TRUE(many && post && none);
  auto same = [](const std::vector<Finding>& a, const std::vector<Finding>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Finding& x, const Finding& y) {
      return x.kind == y.kind && x.field == y.field && x.begin == y.begin && x.end == y.end &&
             x.confidence == y.confidence && x.detail == y.detail;
    });
  };
  std::vector<Finding> list;
  for (const auto* e : {&*many, &*post, &*none, &*post, &*many}) {
    detect(*e, *matcher(), list);
    EXPECT_TRUE(same(list, detect(*e, *matcher())));
  }
  EXPECT_EQ(list.size(), 2u);
}

TEST(Detect, SurvivesHostileInput) {
  std::string binary("\0\xff\xfe@@@..\x80", 10), emoji;
  for (int i = 0; i < 10000; ++i) emoji += "\xF0\x9F\x98\x80";
  for (const std::string& text : {std::string(), std::string(1 << 20, 'a'), binary, std::string(40000, '@'), emoji,
                                  std::string(100000, '0')}) {
    for (const auto& f : detect_text(text, "text", *matcher())) EXPECT_LE(f.end, text.size());
  }
}

// The compiled lexicon is kept on disk; a matcher built from the cache finds just what a
// freshly compiled one does, starred, spaced, pattern and plain alike, and so does one
// built where the cache is damaged or cannot be written.
TEST(Detect, ACachedLexiconFindsWhatAFreshOneFinds) {
  auto dir = std::filesystem::temp_directory_path() / ("smpolicy-cache-test-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  ::setenv("XDG_CACHE_HOME", dir.c_str(), 1);
  Lexicon fresh = lexicon(), again = lexicon();  // copies: each compiles, or loads, on its own
  auto first = compile_matcher(pack(), nullptr, fresh);
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) files += entry.is_regular_file();
  EXPECT_EQ(files, 2u + lexicon().patterns.size());  // the patterns, each pattern alone, and their widths
  auto second = compile_matcher(pack(), nullptr, again);
  // A damaged or foreign file under a cache name is compiled afresh, and replaced.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) std::filesystem::resize_file(entry.path(), entry.file_size() / 2);
  }
  Lexicon damaged = lexicon();
  auto third = compile_matcher(pack(), nullptr, damaged);
  ::setenv("XDG_CACHE_HOME", (dir / "not-a-directory").c_str(), 1);
  { std::ofstream((dir / "not-a-directory").string()) << "a file where the cache folder would go"; }
  Lexicon unwritable = lexicon();
  auto fourth = compile_matcher(pack(), nullptr, unwritable);
  ::unsetenv("XDG_CACHE_HOME");
  std::filesystem::remove_all(dir);
  for (std::string text : {"What a sh*t day, f u c k it", "i will punch his teeth in, the idiot", "my class at Hillside Primary",
                           "nothing here at all"}) {
    auto a = detect_text(text, "text", *first);
    for (const auto* other : {&second, &third, &fourth}) {
      auto b = detect_text(text, "text", **other);
      ASSERT_EQ(a.size(), b.size()) << text;
      for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].kind, b[i].kind);
        EXPECT_EQ(a[i].begin, b[i].begin);
        EXPECT_EQ(a[i].end, b[i].end);
      }
    }
    EXPECT_FALSE(a.empty() && text != "nothing here at all") << text;
  }
}

// Patterns are run one by one where a post matches them. Every match of every pattern is
// still found, and two patterns of different kinds over the same words both count.
TEST(Detect, PatternsFindEveryMatchWhetherOneOrSeveralMatch) {
  static auto parsed = parse_lexicon(LexiconFiles{
      "term\tkind\tseverity\n", "term\tkind\n", "name\tnicknames\n", "", "",
      "pattern\tkind\n\\bfed up\\b\ttopic.anger\n\\b(so|really) fed\\b\ttopic.anger\n\\bfed up\\b\tlanguage.insult\n"
      "\\b(knock|punch) (his|her) (teeth|head) (in|out)\\b\tlanguage.threat\n"
      "\\bdrat\\b|\\bblast\\b\ttopic.anger\n",  // needs no word this reading can tell: run on every post
      ""});
  ASSERT_TRUE(parsed) << parsed.error().message;
  auto m = compile_matcher(pack(), nullptr, *parsed);
  auto found = [&](const std::string& text) {
    std::vector<std::string> out;
    for (const auto& f : detect_text(text, "text", *m)) out.push_back(f.kind + ":" + text.substr(f.begin, f.end - f.begin));
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(found("punch his head in, then knock her teeth out"),
            (std::vector<std::string>{"language.threat:knock her teeth out", "language.threat:punch his head in"}));
  EXPECT_EQ(found("so fed up"), (std::vector<std::string>{"language.insult:fed up", "topic.anger:fed up", "topic.anger:so fed"}));
  EXPECT_EQ(found("nothing to see"), std::vector<std::string>{});
  EXPECT_EQ(found("oh blast, knock his head in"),
            (std::vector<std::string>{"language.threat:knock his head in", "topic.anger:blast"}));
}

}  // namespace
}  // namespace smpolicy
