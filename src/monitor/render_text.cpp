// The report for a person at a terminal: summary, people, categories, top sites, the
// hour-of-week heat map, flagged visits with the pack's words, edits, unread lines.
#include <algorithm>

#include "monitor/render.hpp"

namespace smpolicy::monitor {
namespace {

constexpr std::size_t k_top_sites = 20;
constexpr std::size_t k_flagged_per_person = 50;

std::string left(std::string_view text, std::size_t width) {
  std::string out(text);
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out;
}

std::string right(std::uint64_t value, std::size_t width) {
  std::string out = std::to_string(value);
  if (out.size() < width) out.insert(0, width - out.size(), ' ');
  return out;
}

std::uint64_t outcome(const Counts& c, Outcome o) { return c.outcomes[static_cast<std::size_t>(o)]; }

void summary(const Report& r, std::string& out) {
  out += "smpolicy monitor: " + r.policy + " (" + r.school + "), times in " + r.zone.name() + "\n";
  if (r.totals.hits) out += "Log from " + local_text(r.zone, r.first) + " to " + local_text(r.zone, r.last) + "\n";
  if (auto terms = terms_text(r.timetable); !terms.empty()) out += "Term dates: " + terms + "\n";
  for (const auto& [name, format] : r.sources) out += "  read " + name + " (" + std::string(name_of(format)) + ")\n";
  const Totals& t = r.totals;
  out += std::to_string(t.lines) + " lines: " + std::to_string(t.hits) + " hits in " + std::to_string(t.visits) +
         " visits (a new visit after " + std::to_string(r.gap_seconds / 60) + " min apart); " +
         std::to_string(t.without_user) + " without a user (sign-in handshakes, refusals, probes); " +
         std::to_string(t.blocked) + " blocked by the proxy; " + std::to_string(t.no_response) + " without a response; " +
         std::to_string(t.no_host) + " without a host; " + std::to_string(t.malformed + t.too_long) + " unreadable" +
         (t.duplicates ? "; " + std::to_string(t.duplicates) + " duplicates of lines in an earlier log, counted once" : "") + "\n";
}

void people(const Report& r, std::string& out) {
  out += "\nPeople (? = not in the roster or user map, shown as logged)\n";
  out += "  " + left("who", 28) + "visits    hits  breach  permission  advice  blocked  edits  logged as\n";
  for (const auto& p : r.people) {
    out += "  " + left((p.known ? "" : "? ") + p.who, 28) + right(p.counts.visits, 6) + right(p.counts.hits, 8) +
           right(outcome(p.counts, Outcome::breach), 8) + right(outcome(p.counts, Outcome::needs_permission), 12) +
           right(outcome(p.counts, Outcome::advise), 8) + right(p.blocked, 9) + right(p.edits, 7) + "  " + p.logged_as + "\n";
  }
}

void categories(const Report& r, std::string& out) {
  out += "\nCategories\n  " + left("category", 24) + "visits    hits  people  flagged\n";
  for (const auto& c : r.categories) {
    out += "  " + left(c.category, 24) + right(c.counts.visits, 6) + right(c.counts.hits, 8) + right(c.people, 8) +
           right(c.counts.flagged(), 9) + "\n";
  }
}

void sites(const Report& r, std::string& out) {
  std::size_t shown = std::min(r.sites.size(), k_top_sites);
  out += "\nTop sites (" + std::to_string(shown) + " of " + std::to_string(r.sites.size()) + ")\n  " + left("site", 30) +
         left("category", 22) + "visits    hits  people  flagged\n";
  for (std::size_t i = 0; i < shown; ++i) {
    const SiteRow& s = r.sites[i];
    out += "  " + left(s.site, 30) + left(s.category, 22) + right(s.counts.visits, 6) + right(s.counts.hits, 8) +
           right(s.people, 8) + right(s.counts.flagged(), 9) + "\n";
  }
}

void heat(const Report& r, std::string& out) {
  static constexpr std::string_view k_shades = " .:-=+*#%@";
  std::uint64_t most = 0;
  for (const auto& day : r.heat) most = std::max(most, *std::max_element(day.begin(), day.end()));
  out += "\nHour of the week (visits by start hour in " + r.zone.name() + "; darker is more, darkest " +
         std::to_string(most) + "; | marks contracted hours)\n       ";
  for (int h = 0; h < 24; ++h) out += (h < 10 ? "0" : "") + std::to_string(h);
  out += "\n";
  for (int d = 0; d < 7; ++d) {
    out += "  " + std::string(day_abbreviation(d)) + "  ";
    bool working = r.timetable.days & (1u << d);
    for (int h = 0; h < 24; ++h) {
      std::uint64_t n = r.heat[static_cast<std::size_t>(d)][static_cast<std::size_t>(h)];
      std::size_t shade = n == 0 ? 0 : 1 + static_cast<std::size_t>((n * 8) / std::max<std::uint64_t>(most, 1));
      bool contracted = working && h * 60 + 59 >= r.timetable.start && h * 60 < r.timetable.end;
      out += contracted ? '|' : ' ';
      out += k_shades[std::min<std::size_t>(shade, 9)];
    }
    out += "\n";
  }
}

void flagged(const Report& r, std::string& out) {
  out += "\nFlagged visits (" + std::to_string(r.flagged.size()) + "): outcome breach or needs permission\n";
  for (std::size_t i = 0; i < r.flagged.size();) {
    std::uint32_t person = r.flagged[i].person;
    std::size_t shown = 0;
    for (; i < r.flagged.size() && r.flagged[i].person == person; ++i, ++shown) {
      if (shown == k_flagged_per_person) out += "    ... more in --report csv or json\n";
      if (shown >= k_flagged_per_person) continue;
      const FlaggedVisit& v = r.flagged[i];
      const SiteRow& site = r.sites[v.site];
      out += "  " + flagged_line(FlaggedText{r.people[v.person].who, site.site, site.category, r.rules[v.rule], v}, r.zone) + "\n";
    }
  }
  if (r.rules.empty()) return;
  out += "\nWhat the policy says (rules that flagged or advised, with visits)\n";
  for (const auto& rule : r.rules) {
    out += "  " + rule.id + ": " + std::string(name_of(rule.outcome)) + ", " + std::string(name_of(rule.severity)) + ", " +
           std::to_string(rule.visits) + (rule.visits == 1 ? " visit" : " visits") + "  (clause " + joined(rule.clauses) + ")\n";
    out += "      " + rule.message + "\n";
    if (!rule.advice.empty()) out += "      instead: " + rule.advice + "\n";
  }
}

void edits(const Report& r, std::string& out) {
  if (r.edits.empty()) return;
  out += "\nEncyclopaedia edits (" + std::to_string(r.totals.edits) + ")\n";
  for (const auto& e : r.edits) {
    out += "  " + local_text(r.zone, e.time) + "  " + r.people[e.person].who + "  " + r.sites[e.site].site + "  " +
           std::to_string(e.edits) + (e.edits == 1 ? " edit  " : " edits  ") + e.url + "  " + std::string(name_of(e.outcome)) + "\n";
  }
}

void problems(const Report& r, std::string& out) {
  for (const auto& p : r.problems) {
    out += "\n" + p.what + ": " + std::to_string(p.count) + "\n";
    for (const auto& e : p.examples) {
      out += "  " + e.source + ":" + std::to_string(e.line) + ": " + e.why + (e.excerpt.empty() ? "" : ": \"" + e.excerpt + "\"") + "\n";
    }
    if (p.count > p.examples.size()) out += "  ... and " + std::to_string(p.count - p.examples.size()) + " more\n";
  }
}

}  // namespace

std::string render_text(const Report& report) {
  std::string out;
  summary(report, out);
  people(report, out);
  categories(report, out);
  sites(report, out);
  heat(report, out);
  flagged(report, out);
  edits(report, out);
  problems(report, out);
  return out;
}

}  // namespace smpolicy::monitor
