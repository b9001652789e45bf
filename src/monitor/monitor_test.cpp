// Hits into visits, who is who, the heat map across a change of clocks, and the verdicts
// the pack gives each visit.
#include <gtest/gtest.h>

#include <algorithm>

#include "monitor/monitor.hpp"

namespace smpolicy::monitor {
namespace {

// 2026-03-03 is a Tuesday; London keeps GMT until 29 March.
constexpr std::int64_t k_tuesday_10am = 1772532000;

std::string squid(std::int64_t end, int elapsed_ms, std::string_view user, std::string_view url,
                  std::string_view method = "CONNECT", std::string_view code = "TCP_TUNNEL/200") {
  return std::to_string(end) + ".000 " + std::to_string(elapsed_ms) + " 10.0.0.5 " + std::string(code) + " 100 " +
         std::string(method) + " " + std::string(url) + " " + std::string(user) + " HIER_DIRECT/1.2.3.4 -";
}

struct Fixture {
  std::unique_ptr<Pack> pack = std::move(*resolve_pack("salterlee-2017"));
  Roster roster = std::move(parse_roster(
      "id,role,given_name,family_name,email\n"
      "staff:jsmith,staff,Jane,Smith,j.smith@school.example\n"
      "staff:mbrown,staff,Mike,Brown,m.brown@school.example\n"
      "staff:ajones,staff,Ann,Jones,a.jones@one.example\n"
      "staff:ajones2,staff,Alan,Jones,a.jones@two.example\n",
      "roster.csv")->roster);

  Report run(const std::vector<std::string>& lines, const UserMap* users = nullptr, Options options = {}) {
    Monitor m(*pack, &roster, users, options);
    m.begin_source("test.log");
    for (const auto& l : lines) m.add_line(l);
    return m.finish();
  }
};

const SiteRow* site(const Report& r, std::string_view name) {
  auto it = std::find_if(r.sites.begin(), r.sites.end(), [&](const SiteRow& s) { return s.site == name; });
  return it == r.sites.end() ? nullptr : &*it;
}

const PersonRow* person(const Report& r, std::string_view who) {
  auto it = std::find_if(r.people.begin(), r.people.end(), [&](const PersonRow& p) { return p.who == who; });
  return it == r.people.end() ? nullptr : &*it;
}

TEST(Visits, HitsWithinTheGapAreOneVisitToOneSite) {
  Fixture f;
  auto r = f.run({squid(k_tuesday_10am, 100, "jsmith", "www.instagram.com:443"),
                  squid(k_tuesday_10am + 60, 100, "jsmith", "i.instagram.com:443"),
                  squid(k_tuesday_10am + 290, 100, "jsmith", "http://scontent.cdninstagram.com/a.jpg", "GET", "TCP_MISS/200")});
  ASSERT_NE(site(r, "instagram.com"), nullptr);
  EXPECT_EQ(site(r, "instagram.com")->counts.visits, 1u);
  EXPECT_EQ(site(r, "instagram.com")->counts.hits, 3u);
  EXPECT_EQ(r.totals.visits, 1u);
}

TEST(Visits, AGapLongerThanTheGapStartsANewVisit) {
  Fixture f;
  std::vector<std::string> lines = {squid(k_tuesday_10am, 0, "jsmith", "x.com:443"),
                                    squid(k_tuesday_10am + 301 + 60, 0, "jsmith", "x.com:443")};
  EXPECT_EQ(f.run(lines).totals.visits, 2u);
  Options wide;
  wide.gap_seconds = 600;
  EXPECT_EQ(f.run(lines, nullptr, wide).totals.visits, 1u);
}

TEST(Visits, ALongTunnelLoggedLateJoinsTheVisitItOverlaps) {
  Fixture f;
  // Two short hits at 10:00, then a tunnel opened at 10:01 that closed at 11:00.
  auto r = f.run({squid(k_tuesday_10am, 0, "jsmith", "x.com:443"), squid(k_tuesday_10am + 30, 0, "jsmith", "x.com:443"),
                  squid(k_tuesday_10am + 3600, 3540 * 1000, "jsmith", "x.com:443")});
  EXPECT_EQ(r.totals.visits, 1u);
  ASSERT_EQ(r.flagged.size(), 1u);
  EXPECT_EQ(r.flagged[0].start, k_tuesday_10am);
  EXPECT_EQ(r.flagged[0].end, k_tuesday_10am + 3600);
  EXPECT_EQ(r.flagged[0].hits, 3u);
}

TEST(Visits, TheVisitStartsWhenTheTunnelOpenedNotWhenItWasLogged) {
  Fixture f;
  // Logged at 12:10 (lunch), but opened at 11:30 (work time): a breach.
  auto r = f.run({squid(k_tuesday_10am + 2 * 3600 + 600, 40 * 60 * 1000, "jsmith", "x.com:443")});
  ASSERT_EQ(r.flagged.size(), 1u);
  EXPECT_EQ(r.flagged[0].period, "work_time");
  EXPECT_EQ(r.rules[r.flagged[0].rule].id, "social-media-in-work-time");
}

TEST(Visits, EachVisitIsDecidedByThePack) {
  Fixture f;
  auto r = f.run({squid(k_tuesday_10am, 0, "jsmith", "www.facebook.com:443"),                   // work time
                  squid(k_tuesday_10am + 2 * 3600 + 1200, 0, "jsmith", "www.facebook.com:443"),  // lunch
                  squid(k_tuesday_10am + 8 * 3600, 0, "jsmith", "www.facebook.com:443")});       // evening
  const PersonRow* p = person(r, "staff:jsmith");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->counts.visits, 3u);
  EXPECT_EQ(p->counts.outcomes[static_cast<std::size_t>(Outcome::breach)], 1u);
  EXPECT_EQ(p->counts.outcomes[static_cast<std::size_t>(Outcome::allow)], 2u);
  ASSERT_EQ(r.rules.size(), 1u);
  EXPECT_EQ(r.rules[0].clauses, (std::vector<std::string>{"5.9", "7.1", "7.1(b)"}));
  EXPECT_FALSE(r.rules[0].message.empty());
}

TEST(Visits, EncyclopaediaEditsAreFoundAndDecided) {
  Fixture f;
  auto r = f.run({squid(k_tuesday_10am, 0, "jsmith", "http://en.wikipedia.org/wiki/X", "GET", "TCP_MISS/200"),
                  squid(k_tuesday_10am + 5, 0, "jsmith", "http://en.wikipedia.org/w/index.php?", "POST", "TCP_MISS/200"),
                  squid(k_tuesday_10am + 9, 0, "jsmith", "http://docs.google.com/api/save", "POST", "TCP_MISS/200")});
  ASSERT_EQ(r.edits.size(), 1u);
  EXPECT_EQ(r.sites[r.edits[0].site].site, "wikipedia.org");
  EXPECT_EQ(r.edits[0].outcome, Outcome::advise);
  EXPECT_EQ(r.totals.edits, 1u);
}

TEST(Who, RosterIdEmailAndLocalPart) {
  Fixture f;
  EXPECT_EQ(staff_of_user("jsmith", nullptr, &f.roster), "staff:jsmith");
  EXPECT_EQ(staff_of_user("school\\mbrown", nullptr, &f.roster), "staff:mbrown");
  EXPECT_EQ(staff_of_user("J.Smith@School.example", nullptr, &f.roster), "staff:jsmith");
  EXPECT_EQ(staff_of_user("m.brown", nullptr, &f.roster), "staff:mbrown");
  EXPECT_EQ(staff_of_user("a.jones", nullptr, &f.roster), "") << "two people answer to a.jones: no guess";
  EXPECT_EQ(staff_of_user("a.jones@two.example", nullptr, &f.roster), "staff:ajones2");
  EXPECT_EQ(staff_of_user("nobody", nullptr, &f.roster), "");
  EXPECT_EQ(staff_of_user("jsmith", nullptr, nullptr), "");
}

TEST(Who, TheMapComesFirstAndNamesAddresses) {
  auto map = parse_user_map("user,staff\n# a comment\njane doe,staff:jdoe\n10.0.0.7, staff:pgreen\n\"x,y\",staff:xy\n", "map.csv");
  ASSERT_TRUE(map) << map.error().message;
  EXPECT_EQ(staff_of_user("Jane Doe", &*map, nullptr), "staff:jdoe");
  EXPECT_EQ(staff_of_user("10.0.0.7", &*map, nullptr), "staff:pgreen");
  EXPECT_EQ(staff_of_user("x,y", &*map, nullptr), "staff:xy");
  EXPECT_FALSE(parse_user_map("name,id\na,b\n", "bad.csv"));
  EXPECT_FALSE(parse_user_map("user,staff\nonly-one\n", "bad.csv"));
}

TEST(Who, UnknownUsersAreReportedAsLoggedAndAddressesStandInForNoUser) {
  Fixture f;
  auto map = parse_user_map("user,staff\n10.0.0.5,staff:mbrown\n", "map.csv");
  auto r = f.run({squid(k_tuesday_10am, 0, "jane doe", "x.com:443"), squid(k_tuesday_10am, 0, "-", "x.com:443"),
                  squid(k_tuesday_10am, 0, "-", "x.com:443", "CONNECT", "TCP_DENIED/407")},
                 &*map);
  const PersonRow* jane = person(r, "jane doe");
  ASSERT_NE(jane, nullptr);
  EXPECT_FALSE(jane->known);
  EXPECT_EQ(jane->counts.visits, 1u);
  ASSERT_NE(person(r, "staff:mbrown"), nullptr);
  EXPECT_EQ(person(r, "staff:mbrown")->logged_as, "10.0.0.5");
  EXPECT_EQ(r.totals.without_user, 1u);
}

TEST(Who, RefusedRequestsAreBlockedNotVisits) {
  Fixture f;
  auto r = f.run({squid(k_tuesday_10am, 0, "jsmith", "http://www.tiktok.com/", "GET", "TCP_DENIED/403"),
                  squid(k_tuesday_10am, 0, "jsmith", "www.tiktok.com:443", "CONNECT", "TCP_MISS/403")});
  EXPECT_EQ(r.totals.visits, 0u);
  EXPECT_EQ(r.totals.blocked, 2u);
  EXPECT_EQ(person(r, "staff:jsmith")->blocked, 2u);
}

TEST(HeatMap, HoursAreLocalAcrossTheChangeOfClocks) {
  Fixture f;
  // 09:30 in London on Friday 27 March (GMT, 09:30Z) and Monday 30 March (BST, 08:30Z).
  auto r = f.run({squid(1774603800, 0, "jsmith", "www.bbc.co.uk:443"), squid(1774859400, 0, "jsmith", "www.bbc.co.uk:443")});
  EXPECT_EQ(r.heat[4][9], 1u);
  EXPECT_EQ(r.heat[0][9], 1u);
  EXPECT_EQ(r.heat[0][8], 0u);
}

TEST(BadInput, CountedNamedAndNeverAttributed) {
  Fixture f;
  std::string long_line(1 << 20, 'x');
  Monitor m(*f.pack, &f.roster, nullptr, {});
  m.begin_source("bad.log");
  m.add_line(squid(k_tuesday_10am + 100, 0, "jsmith", "x.com:443"));
  m.add_line("1772532100.000 0 10.0.0.5 TCP_MISS/200 1 GET http://x.com/ jsm");
  m.add_line("\x01\x02\xff garbage");
  m.add_line(long_line);
  m.add_overlong_line(2 << 20);
  m.add_line("");
  m.add_line(squid(k_tuesday_10am, 0, "jsmith", "x.com:443"));
  Report r = m.finish();
  EXPECT_EQ(r.totals.lines, 7u);
  EXPECT_EQ(r.totals.blank, 1u);
  EXPECT_EQ(r.totals.malformed, 3u);
  EXPECT_EQ(r.totals.too_long, 1u);
  EXPECT_EQ(r.totals.out_of_order, 1u);
  EXPECT_EQ(r.totals.hits, 2u);
  ASSERT_EQ(r.people.size(), 1u) << "a truncated user name never becomes a person";
  ASSERT_EQ(r.problems.size(), 3u);
  EXPECT_EQ(r.problems[0].examples[0].line, 2u);
  EXPECT_EQ(r.problems[0].examples[0].source, "bad.log");
  EXPECT_LE(r.problems[0].examples[2].excerpt.size(), 103u);
}

TEST(BadInput, FirstExamplesOnlyButEveryLineCounted) {
  Fixture f;
  Options options;
  options.max_examples = 2;
  std::vector<std::string> lines(5, "nonsense");
  lines.push_back(squid(k_tuesday_10am, 0, "jsmith", "x.com:443"));
  options.format = LogFormat::squid;
  auto r = f.run(lines, nullptr, options);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].count, 5u);
  EXPECT_EQ(r.problems[0].examples.size(), 2u);
}

TEST(Sites, RegistrableDomainsAndCatalogueEntries) {
  Fixture f;
  EXPECT_EQ(site_of_host("www.instagram.com", *f.pack), "instagram.com");
  EXPECT_EQ(site_of_host("static.xx.fbcdn.net", *f.pack), "facebook.com");
  EXPECT_EQ(site_of_host("mail.google.com", *f.pack), "mail.google.com");
  EXPECT_EQ(site_of_host("www.google.com", *f.pack), "google.com");
  EXPECT_EQ(site_of_host("news.example.co.uk", *f.pack), "example.co.uk");
  EXPECT_EQ(site_of_host("www.myschool.lancs.sch.uk", *f.pack), "myschool.lancs.sch.uk");
  EXPECT_EQ(site_of_host("a.b.unknown-site.com", *f.pack), "unknown-site.com");
  EXPECT_EQ(site_of_host("10.1.2.3", *f.pack), "10.1.2.3");
  EXPECT_EQ(site_of_host("WWW.Example.COM.", *f.pack), "example.com");
}

}  // namespace
}  // namespace smpolicy::monitor

namespace smpolicy::monitor {
namespace {

TEST(Follow, IdleVisitsAreDecidedAndFlaggedOnesPassedOnOnce) {
  Fixture f;
  Monitor m(*f.pack, &f.roster, nullptr, {});
  m.begin_source("growing.log");
  m.add_line(squid(k_tuesday_10am, 0, "jsmith", "x.com:443"));  // too few lines to detect the format
  std::vector<std::string> printed;
  auto keep = [&](const std::string& line) { printed.push_back(line); };
  m.close_idle(k_tuesday_10am + 60, keep);
  EXPECT_TRUE(printed.empty()) << "the visit could still grow";
  m.close_idle(k_tuesday_10am + 3600, keep);
  ASSERT_EQ(printed.size(), 1u);
  EXPECT_NE(printed[0].find("staff:jsmith  x.com (social_media)  1 hit  work_time  BREACH"), std::string::npos);
  m.close_idle(k_tuesday_10am + 7200, keep);
  EXPECT_EQ(printed.size(), 1u);
  EXPECT_EQ(m.finish().flagged.size(), 1u);
}

}  // namespace
}  // namespace smpolicy::monitor
