// Each visit becomes one web_access event, decided by the pack; the verdicts are counted
// by person, category, site and hour of the week, and the flagged ones kept.
#include <algorithm>
#include <cstdio>
#include <numeric>

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

}  // namespace

std::uint64_t Counts::flagged() const {
  return outcomes[static_cast<std::size_t>(Outcome::needs_permission)] + outcomes[static_cast<std::size_t>(Outcome::breach)];
}

std::uint32_t Monitor::Impl::rule(const Rule& r) {
  auto [it, added] = rule_index.try_emplace(&r, static_cast<std::uint32_t>(rules.size()));
  if (added) rules.push_back(RuleRow{r.id, r.outcome, r.severity, r.clauses, r.message, r.advice, 0});
  return it->second;
}

void Monitor::Impl::decide_visit(const Visit& v) {
  const HostEntry& h = hosts[v.host];
  PersonEntry& p = people[v.person];
  std::int64_t start = floor_div(v.start_ms, 1000), end = floor_div(v.end_ms, 1000);
  Event event = event_template;
  (void)set_field(event, "user", p.who);
  (void)set_field(event, "time", iso_utc(start));
  (void)set_field(event, "host", h.name);
  if (!v.method.empty()) (void)set_field(event, "method", v.method);
  if (v.edit_url != k_none) (void)set_field(event, "url", edit_urls[v.edit_url]);
  Verdict verdict = decide(event, {}, pack, roster);
  SchoolTime when = school_time(start, pack.timetable);
  count(p.counts, v, verdict.outcome);
  count(sites[v.site].counts, v, verdict.outcome);
  count(categories[h.category].counts, v, verdict.outcome);
  person_site.insert(pair_key(v.person, v.site));
  person_category.insert(pair_key(v.person, h.category));
  ++heat[static_cast<std::size_t>(when.weekday)][static_cast<std::size_t>(when.hour)];
  ++totals.visits;
  for (const auto& f : verdict.findings) {
    if (f.rule->outcome != Outcome::allow) ++rules[rule(*f.rule)].visits;
  }
  if (v.edits) {
    totals.edits += v.edits;
    p.edits += v.edits;
    edits.push_back(EditRow{v.person, v.site, start, edit_urls[v.edit_url], v.edits, verdict.outcome});
  }
  if (verdict.outcome < Outcome::needs_permission) return;
  ++heat_flagged[static_cast<std::size_t>(when.weekday)][static_cast<std::size_t>(when.hour)];
  std::uint32_t r = rule(*verdict.findings.front().rule);
  flagged.push_back(FlaggedVisit{v.person, v.site, r, start, end, v.hits, verdict.outcome, when.period});
}

std::string Monitor::Impl::describe(const FlaggedVisit& v) const {
  const SiteEntry& site = sites[v.site];
  return flagged_line(FlaggedText{people[v.person].who, site.name, categories[site.category].name, rules[v.rule], v}, zone);
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
  r.heat = heat;
  r.heat_flagged = heat_flagged;
  for (const auto& p : people) {
    std::string spellings;
    for (const auto& s : p.logged_as) spellings += (spellings.empty() ? "" : ", ") + s;
    r.people.push_back(PersonRow{p.who, spellings, p.known, p.counts, p.blocked, p.edits});
  }
  std::vector<std::uint64_t> site_people(sites.size()), category_people(categories.size());
  for (auto key : person_site) ++site_people[key & 0xFFFFFFFFu];
  for (auto key : person_category) ++category_people[key & 0xFFFFFFFFu];
  for (std::size_t i = 0; i < sites.size(); ++i) {
    r.sites.push_back(SiteRow{sites[i].name, categories[sites[i].category].name, sites[i].counts, site_people[i]});
  }
  for (std::size_t i = 0; i < categories.size(); ++i) {
    if (categories[i].counts.visits) r.categories.push_back(CategoryRow{categories[i].name, categories[i].counts, category_people[i]});
  }
  r.rules = rules;
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
  r.flagged = flagged;
  for (auto& f : r.flagged) f.person = person_at[f.person], f.site = site_at[f.site], f.rule = rule_at[f.rule];
  std::sort(r.flagged.begin(), r.flagged.end(), [](const FlaggedVisit& a, const FlaggedVisit& b) {
    return a.person != b.person ? a.person < b.person : a.start != b.start ? a.start < b.start : a.site < b.site;
  });
  r.edits = edits;
  for (auto& e : r.edits) e.person = person_at[e.person], e.site = site_at[e.site];
  std::sort(r.edits.begin(), r.edits.end(), [](const EditRow& a, const EditRow& b) {
    return a.person != b.person ? a.person < b.person : a.time < b.time;
  });
  for (const auto& p : problems) {
    if (p.count) r.problems.push_back(p);
  }
  return r;
}

}  // namespace smpolicy::monitor
