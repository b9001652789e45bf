// The line readers, table-driven: each format with the awkward lines real servers write.
#include <gtest/gtest.h>

#include "monitor/monitor.hpp"

namespace smpolicy::monitor {
namespace {

struct Row {
  LogFormat format;
  std::string_view line;
  bool reads;
  std::string_view user = {}, url = {}, method = {};
  int status = 0;
  bool denied = false;
  std::int64_t start_ms = 0, end_ms = 0;
};

TimeZone london() { return *load_time_zone("Europe/London"); }

const Row k_rows[] = {
    // Squid native: the stamp is the end; the start is the stamp less the elapsed time.
    {LogFormat::squid, "1795300691.611     41 127.0.0.1 TCP_MISS/200 27450 GET http://www.bbc.co.uk/news jsmith HIER_DIRECT/127.0.0.1 text/html",
     true, "jsmith", "http://www.bbc.co.uk/news", "GET", 200, false, 1795300691570, 1795300691611},
    {LogFormat::squid, "1795300692.179      1 127.0.0.1 TCP_MISS/200 10831 GET http://www.linkedin.com/feed/ jane doe HIER_DIRECT/127.0.0.1 text/html",
     true, "jane doe", "http://www.linkedin.com/feed/", "GET", 200, false, 1795300692178, 1795300692179},
    {LogFormat::squid, "1795300692.048      2 127.0.0.1 TCP_MISS/200 2633 POST http://en.wikipedia.org/w/index.php? school\\\\mbrown HIER_DIRECT/127.0.0.1 text/html",
     true, "school\\\\mbrown", "http://en.wikipedia.org/w/index.php?", "POST", 200, false, 1795300692046, 1795300692048},
    {LogFormat::squid, "1795300691.778  50000 127.0.0.1 TCP_TUNNEL/200 5913 CONNECT www.facebook.com:443 jsmith HIER_DIRECT/127.0.0.1 -",
     true, "jsmith", "www.facebook.com:443", "CONNECT", 200, false, 1795300641778, 1795300691778},
    {LogFormat::squid, "1795300691.555      1 127.0.0.1 TCP_DENIED/407 3539 GET http://www.bbc.co.uk/news - HIER_NONE/- text/html",
     true, "-", "http://www.bbc.co.uk/news", "GET", 407, true, 1795300691554, 1795300691555},
    {LogFormat::squid, "1795300690.522      0 127.0.0.1 NONE_NONE/000 0 - error:transaction-end-before-headers - HIER_NONE/- -",
     true, "-", "error:transaction-end-before-headers", "-", 0, false, 1795300690522, 1795300690522},
    // e2guardian's Squid-compatible lines: unescaped user, empty mime type at the end.
    {LogFormat::squid, "1772532001.500    310 10.0.0.5 TCP_MISS/200 25318 CONNECT https://www.instagram.com:443 school\\mbrown DEFAULT_PARENT/127.0.0.1 ",
     true, "school\\mbrown", "https://www.instagram.com:443", "CONNECT", 200, false, 1772532001190, 1772532001500},
    {LogFormat::squid, "1795300691.611     41 127.0.0.1 TCP_MISS/200 27450 GET http://www.bbc.co.uk/news jsm", false},
    {LogFormat::squid, "1795300691.611     41 127.0.0.1 TCP_MISS/200 27450 GET http://www.bbc.co", false},
    {LogFormat::squid, "\x01\x02\xff binary", false},
    {LogFormat::squid, "17953x0691.611 41 127.0.0.1 TCP_MISS/200 1 GET http://a/ u HIER_NONE/- -", false},
    {LogFormat::squid, "1795300691.611 41 127.0.0.1 TCP_MISS 1 GET http://a/ u HIER_NONE/- -", false},
    {LogFormat::squid, "", false},
    // Squid combined and common.
    {LogFormat::combined, "127.0.0.1 - jane doe [21/Nov/2026:22:38:12 +0000] \"GET http://www.reddit.com/r/teachers/ HTTP/1.1\" 200 8305 \"-\" \"curl/7.88.1\" TCP_MISS:HIER_DIRECT",
     true, "jane doe", "http://www.reddit.com/r/teachers/", "GET", 200, false, 1795300692000, 1795300692000},
    {LogFormat::combined, "127.0.0.1 - a.jones [21/Nov/2026:23:38:12 +0100] \"CONNECT www.tiktok.com:443 HTTP/1.1\" 403 3456 \"-\" \"a \\\"quoted\\\" agent\" TCP_DENIED:HIER_NONE",
     true, "a.jones", "www.tiktok.com:443", "CONNECT", 403, true, 1795300692000, 1795300692000},
    {LogFormat::combined, "127.0.0.1 - - [21/Nov/2026:22:38:10 +0000] \"- error:transaction-end-before-headers NONE/0.0\" 0 0 \"-\" \"-\" NONE_NONE:HIER_NONE",
     true, "-", "error:transaction-end-before-headers", "-", 0, false, 1795300690000, 1795300690000},
    {LogFormat::combined, "127.0.0.1 - jsmith [21/Nov/2026:22:38:11 +0000] \"GET http://x/ HTTP/1.1\" 200 1 TCP_MISS:HIER_DIRECT", false},
    {LogFormat::common, "127.0.0.1 - jsmith [21/Nov/2026:22:38:11 +0000] \"GET http://x/ HTTP/1.1\" 200 1 TCP_MISS:HIER_DIRECT",
     true, "jsmith", "http://x/", "GET", 200, false, 1795300691000, 1795300691000},
    {LogFormat::common, "10.1.1.1 - school\\\\mbrown [21/Nov/2026:22:38:11 -0500] \"GET http://x/ HTTP/1.0\" 304 -",
     true, "school\\\\mbrown", "http://x/", "GET", 304, false, 1795318691000, 1795318691000},
    {LogFormat::common, "127.0.0.1 - jsmith [21/Nov/2026:22:38 +0000] \"GET http://x/ HTTP/1.1\" 200 1", false},
    {LogFormat::common, "127.0.0.1 - jsmith [21/Nov/2026:22:38:11 +0000] \"GET http://x/ HTTP/1.1\" 200 1 \"-\" \"ua\"", false},
    // e2guardian native: local time (London is on GMT in November), free text with spaces.
    {LogFormat::e2guardian, "2026.11.21 22:39:36 jane doe 127.0.0.1 http://www.reddit.com/r/teachers/ hw19:  GET 8004 0 - 1 200 - 127.0.0.1 no_name_group - - - - -",
     true, "jane doe", "http://www.reddit.com/r/teachers/", "GET", 200, false, 1795300776000, 1795300776000},
    {LogFormat::e2guardian, "2026.11.21 22:39:36 a.jones 127.0.0.1 http://www.tiktok.com/foryou *DENIED* hw12: Blocked site: tiktok.com GET 0 0 Banned Sites 1 403 - 127.0.0.1 no_name_group - - - - -",
     true, "a.jones", "http://www.tiktok.com/foryou", "GET", 403, true, 1795300776000, 1795300776000},
    {LogFormat::e2guardian, "2026.11.21 22:39:36 school\\mbrown 127.0.0.1 http://en.wikipedia.org/w/index.php?title=P&action=submit hw15:  POST 2332 -60 - 1 200 - 127.0.0.1 no_name_group - - - - -",
     true, "school\\mbrown", "http://en.wikipedia.org/w/index.php?title=P&action=submit", "POST", 200, false, 1795300776000, 1795300776000},
    {LogFormat::e2guardian, "2026.11.21 22:39:36 - 127.0.0.1 http://www.bbc.co.uk/news *TRUSTED* hw1:  GET 3085 0 - 1 407 - 127.0.0.1 no_name_group - - - - -",
     true, "-", "http://www.bbc.co.uk/news", "GET", 407, true, 1795300776000, 1795300776000},
    // Summer: London is an hour ahead of UTC, so 10:00 local is 09:00Z.
    {LogFormat::e2guardian, "2026.06.01 10:00:00 jsmith 10.0.0.1 https://x.com:443  CONNECT 1 0 - 1 200 - 10.0.0.1 g - - - - -",
     true, "jsmith", "https://x.com:443", "CONNECT", 200, false, 1780304400000, 1780304400000},
    {LogFormat::e2guardian, "2026.11.21 22:39:36 jsmith 127.0.0.1 http://www.bbc.co.uk/news hw2:  GET", false},
    {LogFormat::e2guardian, "2026-11-21 22:39:36 jsmith 127.0.0.1 http://a/ x GET 1 0 - 1 200 - x g - - - - -", false},
};

TEST(Readers, EachFormatWithItsAwkwardLines) {
  for (const Row& row : k_rows) {
    LineParser parser(row.format, london());
    auto hit = parser.parse(row.line);
    SCOPED_TRACE(std::string(row.line));
    ASSERT_EQ(hit.has_value(), row.reads) << (hit ? "" : std::string(hit.error()));
    if (!row.reads) continue;
    EXPECT_EQ(hit->user, row.user);
    EXPECT_EQ(hit->url, row.url);
    EXPECT_EQ(hit->method, row.method);
    EXPECT_EQ(hit->status, row.status);
    EXPECT_EQ(hit->denied, row.denied);
    EXPECT_EQ(hit->start_ms, row.start_ms);
    EXPECT_EQ(hit->end_ms, row.end_ms);
  }
}

TEST(Readers, DetectsTheFormatFromTheFirstLines) {
  auto zone = london();
  for (LogFormat f : {LogFormat::squid, LogFormat::common, LogFormat::combined, LogFormat::e2guardian}) {
    std::vector<std::string_view> lines;
    for (const Row& row : k_rows) {
      if (row.format == f) lines.push_back(row.line);
    }
    EXPECT_EQ(detect_format(lines, zone), f) << name_of(f);
  }
  std::vector<std::string_view> garbage = {"hello", "\x01\x02"};
  EXPECT_EQ(detect_format(garbage, zone), LogFormat::automatic);
}

TEST(Readers, HostsOfLoggedUrls) {
  EXPECT_EQ(host_of_url("http://www.bbc.co.uk/news"), "www.bbc.co.uk");
  EXPECT_EQ(host_of_url("www.facebook.com:443"), "www.facebook.com");
  EXPECT_EQ(host_of_url("https://www.facebook.com:443"), "www.facebook.com");
  EXPECT_EQ(host_of_url("http://user:pw@x.com:8080/a?b"), "x.com");
  EXPECT_EQ(host_of_url("http://x.com?q=1"), "x.com");
  EXPECT_EQ(host_of_url("[2001:db8::1]:443"), "[2001:db8::1]");
  EXPECT_EQ(host_of_url("error:transaction-end-before-headers"), "");
  EXPECT_EQ(host_of_url("-"), "");
  EXPECT_EQ(host_of_url("/relative/path"), "");
}

TEST(Readers, EncyclopaediaEditsByMethodAndUrl) {
  EXPECT_TRUE(is_edit_request("POST", "http://en.wikipedia.org/w/index.php?"));
  EXPECT_TRUE(is_edit_request("POST", "http://en.wikipedia.org/w/api.php?action=edit"));
  EXPECT_TRUE(is_edit_request("PUT", "http://wiki/x?action=submit"));
  EXPECT_FALSE(is_edit_request("GET", "http://en.wikipedia.org/w/index.php?title=X&action=edit"));
  EXPECT_FALSE(is_edit_request("POST", "http://en.wikipedia.org/beacon/event"));
}

TEST(Readers, FormatNames) {
  EXPECT_EQ(parse_log_format("e2guardian"), LogFormat::e2guardian);
  EXPECT_EQ(parse_log_format("auto"), LogFormat::automatic);
  EXPECT_FALSE(parse_log_format("apache"));
  EXPECT_EQ(name_of(LogFormat::combined), "combined");
}

}  // namespace
}  // namespace smpolicy::monitor
