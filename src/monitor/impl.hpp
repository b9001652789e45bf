// Private to monitor: the state of a Monitor. monitor.cpp turns lines into hits and hits
// into visits; tally.cpp decides each visit and builds the report.
#pragma once

#include <deque>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "monitor/monitor.hpp"
#include "monitor/visits.hpp"

namespace smpolicy::monitor {

enum ProblemIndex : std::size_t { k_malformed, k_too_long, k_out_of_order };

// The start of a line, printable, for a problem's excerpt.
std::string printable(std::string_view text);
// Only spaces, tabs and carriage returns.
bool blank(std::string_view text);

// What becomes of a hit the parser read. Every fate but the first two names a person;
// `host` is set for no_host and visit.
enum class Fate : std::uint8_t { without_user, no_response, blocked, no_host, visit };
Fate fate_of(const Hit& hit, std::string_view& host);

// The lines earlier sources held, so that a line an overlapping log repeats is counted
// once: a line is its 64-bit hash (std::hash) with its stamp. Lines of the current source
// are added as they come and become earlier lines at the end of the source.
class SeenLines {
 public:
  static std::uint64_t hash(std::string_view line) { return std::hash<std::string_view>{}(line); }
  // Whether an earlier source held the line. Only reads, so threads may ask at once.
  bool earlier(std::uint64_t hash, std::int64_t end_ms) const;
  void add(std::uint64_t hash, std::int64_t end_ms);
  // Takes the current lines of `range` (a range's Impl) as lines of this current source.
  void absorb(SeenLines&& range);
  void end_source();

 private:
  std::vector<std::uint64_t> m_earlier, m_current;  // m_earlier sorted
  std::int64_t m_first = INT64_MAX, m_last = INT64_MIN;  // the stamps of the earlier lines
  std::int64_t m_current_first = INT64_MAX, m_current_last = INT64_MIN;
};

// Interns strings: the same text always gets the same index.
class Names {
 public:
  // The index of `key`; `added` says whether it is new (the caller then adds its entry).
  std::uint32_t intern(std::string_view key, bool& added);
  std::string_view key(std::uint32_t index) const { return m_keys[index]; }
  std::size_t size() const { return m_keys.size(); }

 private:
  std::deque<std::string> m_keys;  // a deque never moves its strings: the index views them
  std::unordered_map<std::string_view, std::uint32_t> m_index;
};

struct PersonEntry {
  std::string who;
  std::vector<std::string> logged_as;
  bool known = false;
  std::uint64_t blocked = 0;
};

struct SiteEntry {
  std::string name;
  std::uint32_t category = 0;
};

struct HostEntry {
  std::string name;  // lower-cased
  std::uint32_t site = 0, category = 0;
  bool encyclopaedia = false;
};

struct CategoryEntry {
  std::string name;
};

// What the decided visits add up to. Each thread keeps its own and they are added
// together: every part is a sum or a set, so the order visits close in does not matter.
struct Tally {
  std::vector<Counts> people, sites, categories;  // by the Impl's indices; grown on use
  std::vector<std::uint64_t> person_edits;
  std::unordered_set<std::uint64_t> person_site, person_category;
  std::unordered_map<const Rule*, std::uint32_t> rule_index;
  std::vector<RuleRow> rules;
  std::vector<FlaggedVisit> flagged;
  std::vector<EditRow> edits;
  std::array<std::array<std::uint64_t, 24>, 7> heat{}, heat_flagged{};
  std::uint64_t visits = 0, edit_count = 0;

  std::uint32_t rule(const Rule& rule);
  void add(Tally&& other);
};

// What one source (file, stdin) is up to.
struct SourceState {
  std::string name;
  std::uint64_t line = 0;
  std::int64_t latest_ms = 0;  // the latest stamp so far, for lines out of order
  std::optional<LineParser> parser;
  std::vector<std::string> pending;          // first lines, kept until the format is known
  std::vector<std::uint64_t> pending_lines;  // their numbers
  // How the source (or a range of it) began, for joining a range read on its own to the
  // lines before it (range_merge.cpp): the first stamp read and the first hit of a visit.
  std::optional<std::int64_t> first_stamp_ms;
  std::optional<HitRef> first_hit;
};

struct Monitor::Impl {
  Impl(const Pack& pack, const Roster* roster, const UserMap* users, Options options);

  // monitor.cpp
  void add_line(std::string_view text);  // as Monitor::add_line, the source begun
  void add_overlong_line(std::size_t bytes);
  void line(std::string_view text, std::uint64_t number);
  void hit(const Hit& hit, std::uint64_t number, std::string_view text);
  void stamp(std::int64_t end_ms, std::uint64_t number, std::string_view text);  // out of order?
  void late(std::int64_t end_ms, std::int64_t latest_ms, std::uint64_t number, std::string_view text);
  void seen_hits(std::uint64_t count, std::int64_t first_ms, std::int64_t last_ms);
  void detect();
  void problem(std::size_t kind, std::uint64_t number, std::string_view why, std::string_view text);
  std::uint32_t person_of_user(std::string_view user, bool escaped);
  std::uint32_t person_of_client(std::string_view client);
  std::uint32_t person(const std::string& who, std::string_view logged_as, bool known);
  std::uint32_t host(std::string_view raw);
  std::uint32_t category(std::string_view name);

  // tally.cpp. decide_visit only reads the Impl, so threads may call it at once.
  void decide_visit(const Visit& visit, Tally& tally) const;
  std::string describe(const FlaggedVisit& visit) const;
  Report report() const;

  const Pack& pack;
  const Roster* roster;
  const UserMap* users;
  Options options;
  TimeZone zone;
  Event event_template;

  SourceState source;
  std::vector<std::pair<std::string, LogFormat>> sources;
  Totals totals;
  std::vector<ProblemKind> problems;  // malformed, too long, out of order

  Names user_names, client_names, person_names, host_names, site_names, category_names;
  std::vector<std::uint32_t> user_person, client_person;
  std::vector<PersonEntry> people;
  std::vector<HostEntry> hosts;
  std::vector<SiteEntry> sites;
  std::vector<CategoryEntry> categories;
  std::vector<std::string> edit_urls;
  SeenLines seen;  // with options.drop_duplicates
  // The lines of earlier sources: `seen`, or for a range's Impl the Monitor's.
  const SeenLines* earlier_sources = &seen;
  VisitBook visits;
  VisitBook::Closed on_closed;

  Tally tally;
  std::int64_t first_ms = 0, last_ms = 0;
  std::size_t fresh_flagged = 0;  // flagged visits not yet passed on by close_idle
};

}  // namespace smpolicy::monitor
