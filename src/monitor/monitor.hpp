// monitor: proxy access logs against the school's pack. Lines of Squid (native, common,
// combined) and e2guardian (native, Squid-compatible) logs become hits; hits to one site
// by one person become visits; each visit becomes one web_access event decided by the
// pack; the verdicts are tallied into a report (people, categories, hour-of-week heat map,
// top sites, flagged visits with clauses, encyclopaedia edits, unreadable lines).
#pragma once

#include <array>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/core.hpp"
#include "decide/decide.hpp"

namespace smpolicy::monitor {

// ---- Reading lines ------------------------------------------------------------------

// `squid` reads Squid's native format and e2guardian's Squid-compatible one (logfileformat
// 3); `e2guardian` is e2guardian's native format (logfileformat 1).
enum class LogFormat : std::uint8_t { automatic, squid, common, combined, e2guardian };
std::optional<LogFormat> parse_log_format(std::string_view name);
std::string_view name_of(LogFormat format);

// One request as the proxy logged it. Views point into the line that was parsed.
struct Hit {
  std::int64_t start_ms = 0;  // when the request began: the stamp less the elapsed time
  std::int64_t end_ms = 0;    // the stamp: Squid writes it when the transaction ends
  std::string_view user;      // as logged, "-" when none; may hold spaces
  bool user_escaped = false;  // Squid doubles backslashes in user names
  std::string_view client;    // the client's address
  std::string_view method;
  std::string_view url;       // "http://host/path", "https://host:443", or CONNECT's "host:443"
  int status = 0;             // HTTP status; 0 when the proxy sent none (aborts, probes)
  bool denied = false;        // refused by the proxy (TCP_DENIED, *DENIED*, 407)
};

// Reads lines of one format. Stateful only as a cache of the last date it converted.
class LineParser {
 public:
  // `zone` interprets e2guardian's native stamps, which are local time with no offset.
  LineParser(LogFormat format, TimeZone zone);
  // The hit on `line` (no newline), or why it is not one of this format's lines.
  std::expected<Hit, std::string_view> parse(std::string_view line);
  LogFormat format() const { return m_format; }

 private:
  LogFormat m_format;
  TimeZone m_zone;
  std::int64_t m_cached_hour_key = -1, m_cached_offset = 0;
};

// The format that reads most of `lines` (ties go to squid, combined, common, e2guardian in
// that order); `automatic` when none reads any.
LogFormat detect_format(std::span<const std::string_view> lines, const TimeZone& zone);

// The host a logged URL names, lower-cased by the caller's table: "http://www.x.com/a" and
// "www.x.com:443" give "www.x.com". Empty when there is none ("error:...", "-").
std::string_view host_of_url(std::string_view url);

// An edit to an open encyclopaedia: a POST or PUT to index.php, or with action=edit or
// action=submit in the URL. The caller checks the host is an encyclopaedia's.
bool is_edit_request(std::string_view method, std::string_view url);

// The site a host belongs to, so hits to www.instagram.com and i.instagram.com count
// towards one visit to instagram.com: the pack's or catalogue's entry covering the host
// (a platform's first host, so fbcdn.net is facebook.com), else the registrable domain by
// the last two labels, or three under a second-level suffix such as .co.uk.
std::string site_of_host(std::string_view host, const Pack& pack);

// ---- Who ----------------------------------------------------------------------------

// --users MAP.csv: a header with columns `user` and `staff`, then one row per proxy user
// name or client address. Keys are lower-cased.
struct UserMap {
  std::unordered_map<std::string, std::string> staff_by_user;
};
std::expected<UserMap, Error> parse_user_map(std::string_view csv, std::string_view name);
std::expected<UserMap, Error> load_user_map(const std::filesystem::path& path);

// The staff id of a logged user name (unescaped) or client address: the map first, then the
// roster by id ("jsmith" is "staff:jsmith"), by e-mail, then by e-mail local part; a
// Windows domain ("school\\mbrown") or mail domain is tried without. Empty when unknown or
// when two people would match (never a guess).
std::string staff_of_user(std::string_view user, const UserMap* map, const Roster* roster);

// ---- The report ---------------------------------------------------------------------

struct Counts {
  std::uint64_t visits = 0, hits = 0;
  std::array<std::uint64_t, 4> outcomes{};  // visits by Outcome
  std::uint64_t flagged() const;            // visits with needs_permission or breach
};

struct PersonRow {
  std::string who;        // the staff id, or the user name or address as logged
  std::string logged_as;  // the user names or addresses seen, comma-separated
  bool known = false;     // mapped to a staff id
  Counts counts;
  std::uint64_t blocked = 0, edits = 0;
};

struct CategoryRow {
  std::string category;
  Counts counts;
  std::uint64_t people = 0;
};

struct SiteRow {
  std::string site, category;
  Counts counts;
  std::uint64_t people = 0;
};

// A rule of the pack that fired on some visit, with the pack's words.
struct RuleRow {
  std::string id;
  Outcome outcome = Outcome::allow;
  Severity severity = Severity::info;
  std::vector<std::string> clauses;
  std::string message, advice;
  std::uint64_t visits = 0;
};

// A visit whose verdict was needs_permission or breach. Indices point into the report.
struct FlaggedVisit {
  std::uint32_t person = 0, site = 0, rule = 0;
  std::int64_t start = 0, end = 0;  // epoch seconds
  std::uint32_t hits = 0;
  Outcome outcome = Outcome::breach;
  std::string_view period;  // as the pack's timetable reads the start
};

struct EditRow {
  std::uint32_t person = 0, site = 0;
  std::int64_t time = 0;
  std::string url;
  std::uint32_t edits = 0;
  Outcome outcome = Outcome::allow;
};

struct Problem {
  std::string source;
  std::uint64_t line = 0;
  std::string why;
  std::string excerpt;  // the start of the line, printable
};

// Lines of one kind of trouble: the total and the first few.
struct ProblemKind {
  std::string what;
  std::uint64_t count = 0;
  std::vector<Problem> examples;
};

struct Totals {
  std::uint64_t lines = 0, blank = 0, malformed = 0, too_long = 0, out_of_order = 0;
  std::uint64_t without_user = 0;  // "-": handshakes (407), refusals before sign-in, probes
  std::uint64_t blocked = 0;       // refused by the proxy for a person
  std::uint64_t no_response = 0;   // status 0: aborted or failed
  std::uint64_t no_host = 0;
  std::uint64_t duplicates = 0;    // lines an earlier source held too (Options::drop_duplicates), dropped
  std::uint64_t hits = 0, visits = 0, edits = 0;
};

struct Report {
  std::string policy, school;
  TimeZone zone;
  Timetable timetable;
  std::int64_t gap_seconds = 300;
  std::int64_t first = 0, last = 0;  // epoch seconds of the first and last hit
  std::vector<std::pair<std::string, LogFormat>> sources;
  Totals totals;
  std::vector<PersonRow> people;        // most flagged, then most visits first
  std::vector<CategoryRow> categories;  // most visits first
  std::vector<SiteRow> sites;           // most visits first
  std::vector<RuleRow> rules;           // rules that flagged visits, most visits first
  std::vector<FlaggedVisit> flagged;    // by person, then time
  std::vector<EditRow> edits;
  std::array<std::array<std::uint64_t, 24>, 7> heat{};          // visits by local weekday, hour
  std::array<std::array<std::uint64_t, 24>, 7> heat_flagged{};
  std::vector<ProblemKind> problems;    // only kinds that occurred
};

enum class ReportFormat : std::uint8_t { text, csv, json, html };
std::optional<ReportFormat> parse_report_format(std::string_view name);

// The report for people (text, html) or programs (csv, json). HTML is one self-contained
// page with inline SVG charts and no script.
std::string render_report(const Report& report, ReportFormat format);

// ---- The monitor --------------------------------------------------------------------

struct Options {
  LogFormat format = LogFormat::automatic;
  std::int64_t gap_seconds = 300;  // hits further apart than this start a new visit
  std::size_t max_examples = 10;   // problem lines kept per kind
  // Threads that read text given whole (add_text, read_log on a plain file); 1 reads line
  // by line. The report is the same whatever the number.
  std::size_t threads = 1;
  // Text given whole is cut into ranges, one a thread, each read on its own and joined in
  // order. range_bytes, when not 0, is the length a range aims at instead (tests force
  // small ranges). A range begins only in a quiet spell of the log, where no visit can
  // straddle the cut, unless cut_anywhere (tests: a range whose join check fails is read
  // again on one thread).
  std::size_t range_bytes = 0;
  bool cut_anywhere = false;
  // Logs that may overlap (access.log and access.log.1 after rotation, one file given
  // twice): a line read from an earlier source is counted once, as a duplicate. Keeps 8
  // bytes a line read.
  bool drop_duplicates = false;
};

// Turns lines into a report. Memory grows with the people, sites and flagged visits, not
// with the lines. Not thread-safe; the pack, roster and map must outlive it.
class Monitor {
 public:
  Monitor(const Pack& pack, const Roster* roster, const UserMap* users, Options options);
  ~Monitor();
  Monitor(const Monitor&) = delete;
  Monitor& operator=(const Monitor&) = delete;

  // Starts a source: line numbers restart at 1 and, with LogFormat::automatic, the
  // format is detected again from its first lines.
  void begin_source(std::string_view name);
  void add_line(std::string_view line);       // one line without its newline
  void add_overlong_line(std::size_t bytes);  // a line too long to read: counted, named
  // The rest of the source, each line as add_line or add_overlong_line would take it (a
  // '\r' before a newline dropped), read on options.threads threads once the format is
  // known. The last line may end without a newline.
  void add_text(std::string_view text);
  // Copies up to into.size() bytes of a file from `offset` into `into`: how many (fewer
  // only at the end of the file), or why it could not. Called from several threads at once.
  using ReadAt = std::function<std::expected<std::size_t, Error>(std::uint64_t offset, std::span<char> into)>;
  // As add_text, for the `size` bytes `read_at` gives: each thread reads its own part,
  // a buffer at a time. Fails with read_at's first failure (the lines before it counted).
  std::expected<void, Error> add_file(std::uint64_t size, const ReadAt& read_at);
  void end_source();

  // Follow mode: decides the visits no hit can extend any more, taking `now_seconds` as
  // the present, and passes each newly flagged visit to `each` as one line of text.
  void close_idle(std::int64_t now_seconds, const std::function<void(const std::string&)>& each);
  // Decides the visits still open and returns the report.
  Report finish();

  std::uint64_t lines() const;
  std::size_t threads() const;  // options.threads

  struct Impl;

 private:
  std::unique_ptr<Impl> m_impl;
};

// ---- Sources ------------------------------------------------------------------------

// Longest line read; a longer one is counted as too long and skipped.
inline constexpr std::size_t k_max_line = 64 * 1024;

// Reads the file at `path` into `monitor` as one source: plain or gzip (told by its first
// bytes), or standard input for "-". A plain regular file is read on the monitor's threads
// when it has more than one (Options::threads), each thread its own part (pread).
// `progress` is called now and then with the bytes read so far (once, at the end, with
// threads). Fails when the file cannot be opened or read.
std::expected<void, Error> read_log(const std::string& path, Monitor& monitor,
                                    const std::function<void(std::uint64_t)>& progress);

// Keeps reading a growing plain file from its start, across rotation (a new file at the
// path: the old one is read to its end first) and truncation (read again from the start).
class Follower {
 public:
  static std::expected<Follower, Error> open(const std::string& path);
  ~Follower();
  Follower(Follower&&) noexcept;
  Follower& operator=(Follower&&) noexcept;
  // Passes what was written since the last call, as whole lines. Returns the bytes read
  // (0 when nothing new).
  std::expected<std::size_t, Error> poll(Monitor& monitor);

  struct State;

 private:
  explicit Follower(std::unique_ptr<State> state);
  std::unique_ptr<State> m_state;
};

}  // namespace smpolicy::monitor
