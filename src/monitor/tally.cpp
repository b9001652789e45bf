// Each visit becomes one web_access event, decided by the pack; the verdicts are counted
// by person, category, site and hour of the week, and the flagged ones kept.
#include <algorithm>
#include <cstdio>
#include <numeric>
#include <tuple>

#include "monitor/impl.hpp"
#include "monitor/render.hpp"

namespace smpolicy::monitor {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

// "2026-03-03T10:02:07Z". Howard Hinnant's civil_from_days.
std::string iso_utc(std::int64_t seconds) {
  std::int64_t days = floor_div(seconds, 86400), rest = seconds - days * 86400;
  days += 719468;
  std::int64_t era = floor_div(days, 146097);
  auto doe = static_cast<unsigned>(days - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  unsigned day = doy - (153 * mp + 2) / 5 + 1, month = mp < 10 ? mp + 3 : mp - 9;
  auto year = static_cast<long long>(yoe) + era * 400 + (month <= 2);
  char text[64];
  std::snprintf(text, sizeof text, "%04lld-%02u-%02uT%02d:%02d:%02dZ", year, month, day, static_cast<int>(rest / 3600),
                static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60));
  return text;
}

void count(Counts& c, const Visit& v, Outcome outcome) {
  ++c.visits;
  c.hits += v.hits;
  ++c.outcomes[static_cast<std::size_t>(outcome)];
}

std::uint64_t pair_key(std::uint32_t a, std::uint32_t b) { return (static_cast<std::uint64_t>(a) << 32) | b; }

// Indices sorting `rows` by `before`, and the inverse map old index -> new index.
template <class Row, class Before>
std::vector<std::uint32_t> sort_rows(std::vector<Row>& rows, Before before) {
  std::vector<std::uint32_t> order(rows.size()), where(rows.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return before(rows[a], rows[b]); });
  std::vector<Row> sorted;
  sorted.reserve(rows.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    where[order[i]] = static_cast<std::uint32_t>(i);
    sorted.push_back(std::move(rows[order[i]]));
  }
  rows = std::move(sorted);
  return where;
}

bool by_visits(const Counts& a, const Counts& b) { return a.visits > b.visits; }

template <class T>
T& grown(std::vector<T>& rows, std::size_t index) {
  if (index >= rows.size()) rows.resize(index + 1);
  return rows[index];
}

template <class T>
const T& or_zero(const std::vector<T>& rows, std::size_t index) {
  static const T zero{};
  return index < rows.size() ? rows[index] : zero;
}

void add_counts(std::vector<Counts>& into, const std::vector<Counts>& from) {
  if (into.size() < from.size()) into.resize(from.size());
  for (std::size_t i = 0; i < from.size(); ++i) {
    into[i].visits += from[i].visits;
    into[i].hits += from[i].hits;
    for (std::size_t o = 0; o < into[i].outcomes.size(); ++o) into[i].outcomes[o] += from[i].outcomes[o];
  }
}

// Orders that leave no ties between rows that differ, so the report does not depend on
// the order visits were decided in (threads decide them in any order).
bool flagged_before(const FlaggedVisit& a, const FlaggedVisit& b) {
  return std::tie(a.person, a.start, a.site, a.end, a.hits, a.rule, a.outcome, a.period) <
         std::tie(b.person, b.start, b.site, b.end, b.hits, b.rule, b.outcome, b.period);
}

bool edit_before(const EditRow& a, const EditRow& b) {
  return std::tie(a.person, a.time, a.site, a.url, a.edits, a.outcome) < std::tie(b.person, b.time, b.site, b.url, b.edits, b.outcome);
}

}  // namespace

std::uint64_t Counts::flagged() const {
  return outcomes[static_cast<std::size_t>(Outcome::needs_permission)] + outcomes[static_cast<std::size_t>(Outcome::breach)];
}

std::uint32_t Tally::rule(const Rule& r) {
  auto [it, added] = rule_index.try_emplace(&r, static_cast<std::uint32_t>(rules.size()));
  if (added) rules.push_back(RuleRow{r.id, r.outcome, r.severity, r.clauses, r.message, r.advice, 0});
  return it->second;
}

void Tally::add(Tally&& other) {
  add_counts(people, other.people);
  add_counts(sites, other.sites);
  add_counts(categories, other.categories);
  if (person_edits.size() < other.person_edits.size()) person_edits.resize(other.person_edits.size());
  for (std::size_t i = 0; i < other.person_edits.size(); ++i) person_edits[i] += other.person_edits[i];
  person_site.merge(other.person_site);
  person_category.merge(other.person_category);
  std::vector<std::uint32_t> rule_at(other.rules.size());
  for (const auto& [r, index] : other.rule_index) {
    rule_at[index] = rule(*r);
    rules[rule_at[index]].visits += other.rules[index].visits;
  }
  for (auto f : other.flagged) f.rule = rule_at[f.rule], flagged.push_back(f);
  edits.insert(edits.end(), std::make_move_iterator(other.edits.begin()), std::make_move_iterator(other.edits.end()));
  for (std::size_t d = 0; d < 7; ++d) {
    for (std::size_t h = 0; h < 24; ++h) heat[d][h] += other.heat[d][h], heat_flagged[d][h] += other.heat_flagged[d][h];
  }
  visits += other.visits;
  edit_count += other.edit_count;
}

void Monitor::Impl::decide_visit(const Visit& v, Tally& t) const {
  const HostEntry& h = hosts[v.host];
  const PersonEntry& p = people[v.person];
  std::int64_t start = floor_div(v.start_ms, 1000), end = floor_div(v.end_ms, 1000);
  Event event = event_template;
  (void)set_field(event, "user", p.who);
  (void)set_field(event, "time", iso_utc(start));
  (void)set_field(event, "host", h.name);
  if (!v.method.empty()) (void)set_field(event, "method", v.method);
  if (v.edit_url != k_none) (void)set_field(event, "url", edit_urls[v.edit_url]);
  Verdict verdict = decide(event, {}, pack, roster);
  SchoolTime when = school_time(start, pack.timetable);
  count(grown(t.people, v.person), v, verdict.outcome);
  count(grown(t.sites, v.site), v, verdict.outcome);
  count(grown(t.categories, h.category), v, verdict.outcome);
  t.person_site.insert(pair_key(v.person, v.site));
  t.person_category.insert(pair_key(v.person, h.category));
  ++t.heat[static_cast<std::size_t>(when.weekday)][static_cast<std::size_t>(when.hour)];
  ++t.visits;
  for (const auto& f : verdict.findings) {
    if (f.rule->outcome != Outcome::allow) ++t.rules[t.rule(*f.rule)].visits;
  }
  if (v.edits) {
    t.edit_count += v.edits;
    grown(t.person_edits, v.person) += v.edits;
    t.edits.push_back(EditRow{v.person, v.site, start, edit_urls[v.edit_url], v.edits, verdict.outcome});
  }
  if (verdict.outcome < Outcome::needs_permission) return;
  ++t.heat_flagged[static_cast<std::size_t>(when.weekday)][static_cast<std::size_t>(when.hour)];
  std::uint32_t r = t.rule(*verdict.findings.front().rule);
  t.flagged.push_back(FlaggedVisit{v.person, v.site, r, start, end, v.hits, verdict.outcome, when.period});
}

std::string Monitor::Impl::describe(const FlaggedVisit& v) const {
  const SiteEntry& site = sites[v.site];
  return flagged_line(FlaggedText{people[v.person].who, site.name, categories[site.category].name, tally.rules[v.rule], v}, zone);
}

Report Monitor::Impl::report() const {
  Report r;
  r.policy = pack.info.id;
  r.school = pack.info.school;
  r.zone = zone;
  r.timetable = pack.timetable;
  r.gap_seconds = options.gap_seconds;
  r.first = floor_div(first_ms, 1000);
  r.last = floor_div(last_ms, 1000);
  r.sources = sources;
  r.totals = totals;
  r.totals.visits = tally.visits;
  r.totals.edits = tally.edit_count;
  r.heat = tally.heat;
  r.heat_flagged = tally.heat_flagged;
  for (std::size_t i = 0; i < people.size(); ++i) {
    const PersonEntry& p = people[i];
    std::string spellings;
    for (const auto& s : p.logged_as) spellings += (spellings.empty() ? "" : ", ") + s;
    r.people.push_back(PersonRow{p.who, spellings, p.known, or_zero(tally.people, i), p.blocked, or_zero(tally.person_edits, i)});
  }
  std::vector<std::uint64_t> site_people(sites.size()), category_people(categories.size());
  for (auto key : tally.person_site) ++site_people[key & 0xFFFFFFFFu];
  for (auto key : tally.person_category) ++category_people[key & 0xFFFFFFFFu];
  for (std::size_t i = 0; i < sites.size(); ++i) {
    r.sites.push_back(SiteRow{sites[i].name, categories[sites[i].category].name, or_zero(tally.sites, i), site_people[i]});
  }
  for (std::size_t i = 0; i < categories.size(); ++i) {
    const Counts& c = or_zero(tally.categories, i);
    if (c.visits) r.categories.push_back(CategoryRow{categories[i].name, c, category_people[i]});
  }
  r.rules = tally.rules;
  auto person_at = sort_rows(r.people, [](const PersonRow& a, const PersonRow& b) {
    if (a.counts.flagged() != b.counts.flagged()) return a.counts.flagged() > b.counts.flagged();
    if (a.counts.visits != b.counts.visits) return a.counts.visits > b.counts.visits;
    return a.who < b.who;
  });
  auto site_at = sort_rows(r.sites, [](const SiteRow& a, const SiteRow& b) {
    return by_visits(a.counts, b.counts) || (a.counts.visits == b.counts.visits && a.site < b.site);
  });
  sort_rows(r.categories, [](const CategoryRow& a, const CategoryRow& b) {
    return by_visits(a.counts, b.counts) || (a.counts.visits == b.counts.visits && a.category < b.category);
  });
  auto rule_at = sort_rows(r.rules, [](const RuleRow& a, const RuleRow& b) {
    return a.visits > b.visits || (a.visits == b.visits && a.id < b.id);
  });
  r.flagged = tally.flagged;
  for (auto& f : r.flagged) f.person = person_at[f.person], f.site = site_at[f.site], f.rule = rule_at[f.rule];
  std::sort(r.flagged.begin(), r.flagged.end(), flagged_before);
  r.edits = tally.edits;
  for (auto& e : r.edits) e.person = person_at[e.person], e.site = site_at[e.site];
  std::sort(r.edits.begin(), r.edits.end(), edit_before);
  for (const auto& p : problems) {
    if (p.count) r.problems.push_back(p);
  }
  return r;
}

}  // namespace smpolicy::monitor
