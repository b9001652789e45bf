// Joining a range, read on its own into an Impl of its own, to the Impl that read the
// lines before it. The range's names become the Impl's (in the range's order of first
// sight, which is the order reading on would have met them in), its line numbers move on
// by the lines before it, and its visits and tallies are renumbered and added.
//
// Reading a range from nothing gives what reading on would only when nothing before the
// range reaches into it. Three things could, and the join checks each:
//   - a line out of order: reading on, a line is late against the latest stamp before the
//     range too. None is when the range's first stamp is at or past that stamp;
//   - the sweep schedule: reading on, the range's first hit sweeps only when it is due;
//   - the visits still open: reading on, the first hit's sweep closes every one that ended
//     two gaps before it, and the first hit could join one of its own person and site.
// When the first hit sweeps and closes them all and joins none, the range's book from then
// on is the one reading on would hold, so its visits are the same.
#include <algorithm>

#include "monitor/ranges.hpp"

namespace smpolicy::monitor {
namespace {

std::uint64_t pair_key(std::uint32_t a, std::uint32_t b) { return (static_cast<std::uint64_t>(a) << 32) | b; }

// The range's indices, as the Impl's.
struct Renumbering {
  std::vector<std::uint32_t> person, host, site, category;
  std::uint32_t edit_base = 0;

  std::uint32_t edit(std::uint32_t url) const { return url == k_none ? k_none : edit_base + url; }
  Visit visit(Visit v) const {
    v.person = person[v.person], v.site = site[v.site], v.host = host[v.host], v.edit_url = edit(v.edit_url);
    return v;
  }
};

// Whether the range, read from nothing, starts as reading on from `into` would.
bool starts_clean(const Monitor::Impl& into, const Monitor::Impl& range, const std::vector<Visit>& open) {
  const SourceState& s = range.source;
  if (s.first_stamp_ms && *s.first_stamp_ms < into.source.latest_ms) return false;
  if (!s.first_hit) return true;
  const HitRef& first = *s.first_hit;
  // The range's own book sweeps on its first hit from a schedule at 0.
  if (first.end_ms < std::max<std::int64_t>(into.visits.next_sweep(), 0)) return false;
  const std::string& who = range.people[first.person].who;
  const std::string& site = range.sites[first.site].name;
  std::int64_t gap = into.visits.gap();
  for (const Visit& v : open) {
    if (v.end_ms + 2 * gap >= first.end_ms) return false;  // not closed by the first sweep
    bool same = into.people[v.person].who == who && into.sites[v.site].name == site;
    if (same && first.start_ms <= v.end_ms + gap) return false;  // the first hit would join it
  }
  return true;
}

// The range's names in `into`, each new one added as reading on would have added it.
Renumbering take_names(Monitor::Impl& into, const Monitor::Impl& range) {
  Renumbering r;
  for (const PersonEntry& p : range.people) {
    std::uint32_t index = into.person(p.who, p.logged_as.front(), p.known);
    for (std::size_t k = 1; k < p.logged_as.size(); ++k) into.person(p.who, p.logged_as[k], p.known);
    into.people[index].blocked += p.blocked;
    r.person.push_back(index);
  }
  r.site.resize(range.sites.size());
  for (std::uint32_t i = 0; i < range.hosts.size(); ++i) {
    r.host.push_back(into.host(range.host_names.key(i)));
    r.site[range.hosts[i].site] = into.hosts[r.host.back()].site;
  }
  for (const CategoryEntry& c : range.categories) r.category.push_back(into.category(c.name));
  r.edit_base = static_cast<std::uint32_t>(into.edit_urls.size());
  into.edit_urls.insert(into.edit_urls.end(), range.edit_urls.begin(), range.edit_urls.end());
  return r;
}

void take_counts(std::vector<Counts>& into, const std::vector<Counts>& from, const std::vector<std::uint32_t>& index) {
  for (std::size_t i = 0; i < from.size(); ++i) {
    if (index[i] >= into.size()) into.resize(index[i] + 1);
    Counts& c = into[index[i]];
    c.visits += from[i].visits;
    c.hits += from[i].hits;
    for (std::size_t o = 0; o < c.outcomes.size(); ++o) c.outcomes[o] += from[i].outcomes[o];
  }
}

// The range's tally in the Impl's indices, added to the Impl's.
void take_tally(Tally& into, Tally&& from, const Renumbering& r) {
  take_counts(into.people, from.people, r.person);
  take_counts(into.sites, from.sites, r.site);
  take_counts(into.categories, from.categories, r.category);
  for (std::size_t i = 0; i < from.person_edits.size(); ++i) {
    if (r.person[i] >= into.person_edits.size()) into.person_edits.resize(r.person[i] + 1);
    into.person_edits[r.person[i]] += from.person_edits[i];
  }
  from.people.clear(), from.sites.clear(), from.categories.clear(), from.person_edits.clear();
  auto renumbered = [](const std::unordered_set<std::uint64_t>& keys, const std::vector<std::uint32_t>& second,
                       const std::vector<std::uint32_t>& person) {
    std::unordered_set<std::uint64_t> out;
    for (auto key : keys) out.insert(pair_key(person[key >> 32], second[key & 0xFFFFFFFFu]));
    return out;
  };
  from.person_site = renumbered(from.person_site, r.site, r.person);
  from.person_category = renumbered(from.person_category, r.category, r.person);
  for (FlaggedVisit& f : from.flagged) f.person = r.person[f.person], f.site = r.site[f.site];
  for (EditRow& e : from.edits) e.person = r.person[e.person], e.site = r.site[e.site];
  into.add(std::move(from));
}

// Line counts, the problems with their line numbers moved on, and the lines seen.
void take_lines(Monitor::Impl& into, Monitor::Impl& range) {
  std::uint64_t base = into.source.line;
  into.source.line += range.source.line;
  for (std::size_t kind : {k_malformed, k_too_long, k_out_of_order}) {
    ProblemKind& p = into.problems[kind];
    p.count += range.problems[kind].count;
    for (Problem& e : range.problems[kind].examples) {
      if (p.examples.size() >= into.options.max_examples) break;
      e.line += base;
      p.examples.push_back(std::move(e));
    }
  }
  for (auto Totals::*field : {&Totals::lines, &Totals::blank, &Totals::malformed, &Totals::too_long, &Totals::out_of_order,
                              &Totals::without_user, &Totals::blocked, &Totals::no_response, &Totals::no_host,
                              &Totals::duplicates}) {
    into.totals.*field += range.totals.*field;
  }
  into.seen_hits(range.totals.hits, range.first_ms, range.last_ms);
  into.seen.absorb(std::move(range.seen));
  if (range.source.first_stamp_ms) into.source.latest_ms = std::max(into.source.latest_ms, range.source.latest_ms);
}

}  // namespace

bool join_range(Monitor::Impl& into, Monitor::Impl& range) {
  std::vector<Visit> open = into.visits.take_open();
  if (!starts_clean(into, range, open)) {
    for (const Visit& v : open) into.visits.adopt(v);
    return false;
  }
  if (range.source.first_hit) {
    for (const Visit& v : open) into.on_closed(v);  // as the range's first sweep closes them
    open.clear();
    into.visits.set_next_sweep(range.visits.next_sweep());
  }
  for (const Visit& v : open) into.visits.adopt(v);
  Renumbering r = take_names(into, range);
  take_lines(into, range);
  take_tally(into.tally, std::move(range.tally), r);
  for (const Visit& v : range.visits.take_open()) into.visits.adopt(r.visit(v));
  return true;
}

}  // namespace smpolicy::monitor
