// Lines -> hits -> visits: format detection, who and which site, and the lines that could
// not be used, each counted and the first few named.
#include <algorithm>
#include <utility>

#include "monitor/fields.hpp"
#include "monitor/impl.hpp"
#include "monitor/ranges.hpp"
#include "monitor/render.hpp"

namespace smpolicy::monitor {
namespace {

constexpr std::size_t k_detect_lines = 32;
constexpr std::size_t k_max_spellings = 4;

// Squid's user-name escapes: a doubled backslash, an escaped quote, \t \n \r.
std::string unescape(std::string_view user) {
  std::string out;
  for (std::size_t i = 0; i < user.size(); ++i) {
    char c = user[i];
    if (c == '\\' && i + 1 < user.size()) {
      char n = user[i + 1];
      if (n == '\\' || n == '"') c = n, ++i;
      else if (n == 't') c = '\t', ++i;
      else if (n == 'n') c = '\n', ++i;
      else if (n == 'r') c = '\r', ++i;
    }
    out += c;
  }
  return out;
}

}  // namespace

std::string printable(std::string_view text) {
  constexpr std::size_t k_excerpt = 100;
  std::string out;
  for (char c : text.substr(0, k_excerpt)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  if (text.size() > k_excerpt) out += "...";
  return out;
}

bool blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

bool SeenLines::earlier(std::uint64_t hash, std::int64_t end_ms) const {
  // Outside the earlier sources' stretch of time no line can be one of theirs.
  if (end_ms < m_first || end_ms > m_last) return false;
  return std::binary_search(m_earlier.begin(), m_earlier.end(), hash);
}

void SeenLines::add(std::uint64_t hash, std::int64_t end_ms) {
  m_current.push_back(hash);
  m_current_first = std::min(m_current_first, end_ms);
  m_current_last = std::max(m_current_last, end_ms);
}

void SeenLines::absorb(SeenLines&& range) {
  m_current.insert(m_current.end(), range.m_current.begin(), range.m_current.end());
  m_current_first = std::min(m_current_first, range.m_current_first);
  m_current_last = std::max(m_current_last, range.m_current_last);
  range.m_current = {};
}

void SeenLines::end_source() {
  if (m_current.empty()) return;
  std::sort(m_current.begin(), m_current.end());
  auto middle = m_earlier.insert(m_earlier.end(), m_current.begin(), m_current.end());
  std::inplace_merge(m_earlier.begin(), middle, m_earlier.end());
  m_current = {};
  m_first = std::min(m_first, m_current_first);
  m_last = std::max(m_last, m_current_last);
  m_current_first = INT64_MAX;
  m_current_last = INT64_MIN;
}

std::uint32_t Names::intern(std::string_view key, bool& added) {
  auto it = m_index.find(key);
  added = it == m_index.end();
  if (!added) return it->second;
  auto index = static_cast<std::uint32_t>(m_keys.size());
  m_keys.emplace_back(key);
  m_index.emplace(m_keys.back(), index);
  return index;
}

Monitor::Impl::Impl(const Pack& pack_, const Roster* roster_, const UserMap* users_, Options options_)
    : pack(pack_), roster(roster_), users(users_), options(options_), zone(pack_.timetable.zone),
      event_template(make_event(Kind::web_access)), visits(options_.gap_seconds * 1000) {
  problems = {ProblemKind{"lines that could not be read", 0, {}},
              ProblemKind{"lines longer than 64 KiB, skipped", 0, {}},
              ProblemKind{"lines stamped more than a second before an earlier line (used all the same)", 0, {}}};
  on_closed = [this](const Visit& v) { decide_visit(v, tally); };
}

void Monitor::Impl::problem(std::size_t kind, std::uint64_t number, std::string_view why, std::string_view text) {
  ProblemKind& p = problems[kind];
  ++p.count;
  if (kind == k_malformed) ++totals.malformed;
  if (kind == k_too_long) ++totals.too_long;
  if (kind == k_out_of_order) ++totals.out_of_order;
  if (p.examples.size() < options.max_examples) {
    p.examples.push_back(Problem{source.name, number, std::string(why), printable(text)});
  }
}

void Monitor::Impl::line(std::string_view text, std::uint64_t number) {
  if (!source.parser) {
    source.pending.emplace_back(text);
    source.pending_lines.push_back(number);
    if (source.pending.size() >= k_detect_lines) detect();
    return;
  }
  auto parsed = source.parser->parse(text);
  if (!parsed) {
    problem(k_malformed, number, parsed.error(), text);
    return;
  }
  if (options.drop_duplicates) {
    std::uint64_t hash = SeenLines::hash(text);
    if (earlier_sources->earlier(hash, parsed->end_ms)) {
      ++totals.duplicates;
      return;
    }
    seen.add(hash, parsed->end_ms);
  }
  hit(*parsed, number, text);
}

void Monitor::Impl::detect() {
  std::vector<std::string_view> views(source.pending.begin(), source.pending.end());
  LogFormat format = detect_format(views, zone);
  // Nothing recognised: read as Squid's native format, so every line is named as unreadable.
  if (format == LogFormat::automatic) format = LogFormat::squid;
  source.parser.emplace(format, zone);
  sources.back().second = format;
  auto pending = std::move(source.pending);
  auto numbers = std::move(source.pending_lines);
  for (std::size_t i = 0; i < pending.size(); ++i) line(pending[i], numbers[i]);
}

Fate fate_of(const Hit& h, std::string_view& host) {
  bool no_user = h.user == "-";
  // A tunnel the proxy answered with an error was never opened, whoever answered.
  bool refused = h.denied || (h.status >= 400 && h.method == "CONNECT");
  if (no_user && (refused || h.status == 0)) return Fate::without_user;
  if (h.status == 0) return Fate::no_response;
  if (refused) return Fate::blocked;
  host = host_of_url(h.url);
  return host.empty() ? Fate::no_host : Fate::visit;
}

void Monitor::Impl::stamp(std::int64_t end_ms, std::uint64_t number, std::string_view text) {
  if (!source.first_stamp_ms) source.first_stamp_ms = end_ms;
  if (end_ms + 1000 < source.latest_ms) late(end_ms, source.latest_ms, number, text);
  source.latest_ms = std::max(source.latest_ms, end_ms);
}

void Monitor::Impl::late(std::int64_t end_ms, std::int64_t latest_ms, std::uint64_t number, std::string_view text) {
  problem(k_out_of_order, number, std::to_string((latest_ms - end_ms) / 1000) + " s before an earlier line", text);
}

void Monitor::Impl::seen_hits(std::uint64_t count, std::int64_t first, std::int64_t last) {
  if (count == 0) return;
  if (totals.hits == 0 || first < first_ms) first_ms = first;
  last_ms = std::max(last_ms, last);
  totals.hits += count;
}

void Monitor::Impl::hit(const Hit& h, std::uint64_t number, std::string_view text) {
  stamp(h.end_ms, number, text);
  std::string_view raw_host;
  Fate fate = fate_of(h, raw_host);
  if (fate == Fate::without_user) ++totals.without_user;
  if (fate == Fate::no_response) ++totals.no_response;
  if (fate == Fate::without_user || fate == Fate::no_response) return;
  std::uint32_t p = h.user == "-" ? person_of_client(h.client) : person_of_user(h.user, h.user_escaped);
  if (fate == Fate::blocked) {
    ++totals.blocked;
    ++people[p].blocked;
    return;
  }
  if (fate == Fate::no_host) {
    ++totals.no_host;
    return;
  }
  std::uint32_t host_id = host(raw_host);
  HitRef ref{h.start_ms, h.end_ms, p, hosts[host_id].site, host_id, fields::canonical_method(h.method), k_none};
  if (hosts[host_id].encyclopaedia && is_edit_request(h.method, h.url)) {
    ref.edit_url = static_cast<std::uint32_t>(edit_urls.size());
    edit_urls.emplace_back(h.url);
  }
  seen_hits(1, h.start_ms, h.end_ms);
  if (!source.first_hit) source.first_hit = ref;
  visits.add(ref, on_closed);
}

std::uint32_t Monitor::Impl::person(const std::string& who, std::string_view logged_as, bool known) {
  bool added = false;
  std::uint32_t index = person_names.intern(who, added);
  if (added) people.push_back(PersonEntry{who, {}, known, 0});
  auto& spellings = people[index].logged_as;
  if (spellings.size() < k_max_spellings && std::find(spellings.begin(), spellings.end(), logged_as) == spellings.end()) {
    spellings.emplace_back(logged_as);
  }
  return index;
}

std::uint32_t Monitor::Impl::person_of_user(std::string_view user, bool escaped) {
  bool added = false;
  std::uint32_t index = user_names.intern(user, added);
  if (!added) return user_person[index];
  std::string name = escaped ? unescape(user) : std::string(user);
  std::string staff = staff_of_user(name, users, roster);
  user_person.push_back(person(staff.empty() ? name : staff, name, !staff.empty()));
  return user_person.back();
}

std::uint32_t Monitor::Impl::person_of_client(std::string_view client) {
  bool added = false;
  std::uint32_t index = client_names.intern(client, added);
  if (!added) return client_person[index];
  std::string staff = staff_of_user(client, users, nullptr);
  client_person.push_back(person(staff.empty() ? std::string(client) : staff, client, !staff.empty()));
  return client_person.back();
}

std::uint32_t Monitor::Impl::category(std::string_view name) {
  bool added = false;
  std::uint32_t index = category_names.intern(name, added);
  if (added) categories.push_back(CategoryEntry{std::string(name)});
  return index;
}

std::uint32_t Monitor::Impl::host(std::string_view raw) {
  bool added = false;
  std::uint32_t index = host_names.intern(raw, added);
  if (!added) return index;
  HostEntry entry{fields::lower(raw), 0, 0, false};
  entry.category = category(pack.category_of(entry.name));
  entry.encyclopaedia = categories[entry.category].name == "encyclopaedia";
  std::string site = site_of_host(entry.name, pack);
  entry.site = site_names.intern(site, added);
  if (added) sites.push_back(SiteEntry{site, category(pack.category_of(site))});
  hosts.push_back(std::move(entry));
  return index;
}

// ---- Monitor ------------------------------------------------------------------------

Monitor::Monitor(const Pack& pack, const Roster* roster, const UserMap* users, Options options)
    : m_impl(std::make_unique<Impl>(pack, roster, users, options)) {}

Monitor::~Monitor() = default;

void Monitor::begin_source(std::string_view name) {
  end_source();
  Impl& m = *m_impl;
  m.source = SourceState{};
  m.source.name = std::string(name);
  if (m.options.format != LogFormat::automatic) m.source.parser.emplace(m.options.format, m.zone);
  m.sources.emplace_back(m.source.name, m.options.format);
}

void Monitor::Impl::add_line(std::string_view text) {
  ++totals.lines;
  std::uint64_t number = ++source.line;
  if (blank(text)) {
    ++totals.blank;
    return;
  }
  line(text, number);
}

void Monitor::Impl::add_overlong_line(std::size_t bytes) {
  ++totals.lines;
  problem(k_too_long, ++source.line, std::to_string(bytes) + " bytes", "");
}

void Monitor::add_line(std::string_view line) {
  if (m_impl->sources.empty()) begin_source("<input>");
  m_impl->add_line(line);
}

void Monitor::add_overlong_line(std::size_t bytes) {
  if (m_impl->sources.empty()) begin_source("<input>");
  m_impl->add_overlong_line(bytes);
}

void Monitor::add_text(std::string_view text) {
  if (m_impl->sources.empty()) begin_source("<input>");
  read_source(*m_impl, SourceBytes(text));
}

std::expected<void, Error> Monitor::add_file(std::uint64_t size, const ReadAt& read_at) {
  if (m_impl->sources.empty()) begin_source("<input>");
  SourceBytes bytes(size, read_at);
  if (read_source(*m_impl, bytes)) return {};
  return std::unexpected(*bytes.error());
}

void Monitor::end_source() {
  Impl& m = *m_impl;
  if (!m.source.parser && !m.source.pending.empty()) m.detect();
  m.seen.end_source();
}

void Monitor::close_idle(std::int64_t now_seconds, const std::function<void(const std::string&)>& each) {
  Impl& m = *m_impl;
  // A quiet followed file may not have written enough lines to detect its format: the
  // lines so far must do.
  if (!m.source.parser && !m.source.pending.empty()) m.detect();
  m.visits.close_before(now_seconds * 1000, m.on_closed);
  for (; m.fresh_flagged < m.tally.flagged.size(); ++m.fresh_flagged) each(m.describe(m.tally.flagged[m.fresh_flagged]));
}

Report Monitor::finish() {
  end_source();
  m_impl->visits.close_all(m_impl->on_closed);
  return m_impl->report();
}

std::uint64_t Monitor::lines() const { return m_impl->totals.lines; }
std::size_t Monitor::threads() const { return m_impl->options.threads; }

}  // namespace smpolicy::monitor
