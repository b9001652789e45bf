// The report as one self-contained HTML page: inline CSS and SVG charts, no script, no
// external assets, so it can be mailed or kept as it is.
#include <algorithm>
#include <cstdio>

#include "monitor/render.hpp"

namespace smpolicy::monitor {
namespace {

constexpr std::size_t k_top = 15;
constexpr std::size_t k_flagged_rows = 500;

std::string esc(std::string_view text) { return escape_html(text); }

std::string n(std::uint64_t v) { return std::to_string(v); }

constexpr std::string_view k_style =
    "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}h1{font-size:1.4em}h2{font-size:1.15em;"
    "margin-top:2em}table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left}"
    "td.n{text-align:right}.breach{color:#b00}.needs_permission{color:#b60}.advise{color:#06a}.muted{color:#777}";

// A horizontal bar chart: one bar per row, the flagged share drawn in red over it.
struct Bar {
  std::string label;
  std::uint64_t total = 0, flagged = 0;
};

std::string bars(const std::vector<Bar>& rows) {
  const int label_w = 220, bar_w = 420, row_h = 20;
  std::uint64_t most = 1;
  for (const auto& b : rows) most = std::max(most, b.total);
  int height = static_cast<int>(rows.size()) * row_h + 4;
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + n(label_w + bar_w + 80) + "\" height=\"" +
                    n(static_cast<std::uint64_t>(height)) + "\" role=\"img\">";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Bar& b = rows[i];
    auto y = static_cast<std::uint64_t>(i) * row_h + 2;
    auto w = b.total * bar_w / most, f = b.flagged * bar_w / most;
    out += "<text x=\"0\" y=\"" + n(y + 14) + "\" font-size=\"12\">" + esc(b.label) + "</text>";
    out += "<rect x=\"" + n(label_w) + "\" y=\"" + n(y) + "\" width=\"" + n(std::max<std::uint64_t>(w, 1)) +
           "\" height=\"16\" fill=\"#7aa6d6\"><title>" + n(b.total) + " visits, " + n(b.flagged) + " flagged</title></rect>";
    if (f) out += "<rect x=\"" + n(label_w) + "\" y=\"" + n(y) + "\" width=\"" + n(f) + "\" height=\"16\" fill=\"#c33\"/>";
    out += "<text x=\"" + n(label_w + w + 6) + "\" y=\"" + n(y + 13) + "\" font-size=\"11\">" + n(b.total) + "</text>";
  }
  return out + "</svg>";
}

// Hour-of-week grid: blue by visits, a red dot where visits were flagged, contracted
// hours outlined.
std::string heat_map(const Report& r) {
  const int cell = 24, left = 40, top = 18;
  std::uint64_t most = 1;
  for (const auto& day : r.heat) most = std::max(most, *std::max_element(day.begin(), day.end()));
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + n(left + 24 * cell + 4) + "\" height=\"" +
                    n(top + 7 * cell + 4) + "\" role=\"img\">";
  for (int h = 0; h < 24; h += 2) {
    out += "<text x=\"" + n(static_cast<std::uint64_t>(left + h * cell + 4)) + "\" y=\"12\" font-size=\"10\">" + n(static_cast<std::uint64_t>(h)) + "</text>";
  }
  for (int d = 0; d < 7; ++d) {
    auto y = static_cast<std::uint64_t>(top + d * cell);
    out += "<text x=\"0\" y=\"" + n(y + 16) + "\" font-size=\"11\">" + std::string(day_abbreviation(d)) + "</text>";
    bool working = r.timetable.days & (1u << d);
    for (int h = 0; h < 24; ++h) {
      auto v = r.heat[static_cast<std::size_t>(d)][static_cast<std::size_t>(h)];
      auto flagged = r.heat_flagged[static_cast<std::size_t>(d)][static_cast<std::size_t>(h)];
      auto x = static_cast<std::uint64_t>(left + h * cell);
      char colour[32];
      int shade = 245 - static_cast<int>(v * 170 / most);
      std::snprintf(colour, sizeof colour, "#%02x%02xff", std::clamp(shade, 0, 255), std::clamp(shade + 5, 0, 255));
      bool contracted = working && h * 60 + 59 >= r.timetable.start && h * 60 < r.timetable.end;
      out += "<rect x=\"" + n(x) + "\" y=\"" + n(y) + "\" width=\"" + n(cell - 2) + "\" height=\"" + n(cell - 2) +
             "\" fill=\"" + (v ? colour : "#f4f4f4") + "\"" + (contracted ? " stroke=\"#555\"" : "") + "><title>" +
             std::string(day_name(d)) + " " + n(static_cast<std::uint64_t>(h)) + ":00: " + n(v) + " visits, " + n(flagged) +
             " flagged</title></rect>";
      if (flagged) out += "<circle cx=\"" + n(x + 11) + "\" cy=\"" + n(y + 11) + "\" r=\"4\" fill=\"#c33\"/>";
    }
  }
  return out + "</svg>";
}

std::string counts_cells(const Counts& c) {
  return "<td class=n>" + n(c.visits) + "</td><td class=n>" + n(c.hits) + "</td><td class=n>" +
         n(c.outcomes[static_cast<std::size_t>(Outcome::breach)]) + "</td><td class=n>" +
         n(c.outcomes[static_cast<std::size_t>(Outcome::needs_permission)]) + "</td><td class=n>" +
         n(c.outcomes[static_cast<std::size_t>(Outcome::advise)]) + "</td>";
}

void people(const Report& r, std::string& out) {
  out += "<h2>People</h2><p class=muted>Names marked ? are not in the roster or user map and are shown as logged.</p>"
         "<table><tr><th>who</th><th>visits</th><th>hits</th><th>breach</th><th>needs permission</th><th>advise</th>"
         "<th>blocked</th><th>edits</th><th>logged as</th></tr>";
  for (const auto& p : r.people) {
    out += "<tr><td>" + esc((p.known ? "" : "? ") + p.who) + "</td>" + counts_cells(p.counts) + "<td class=n>" + n(p.blocked) +
           "</td><td class=n>" + n(p.edits) + "</td><td>" + esc(p.logged_as) + "</td></tr>";
  }
  out += "</table>";
}

void charts(const Report& r, std::string& out) {
  std::vector<Bar> rows;
  for (const auto& c : r.categories) rows.push_back(Bar{c.category, c.counts.visits, c.counts.flagged()});
  out += "<h2>Categories</h2>" + bars(rows);
  rows.clear();
  for (std::size_t i = 0; i < std::min(k_top, r.sites.size()); ++i) {
    rows.push_back(Bar{r.sites[i].site, r.sites[i].counts.visits, r.sites[i].counts.flagged()});
  }
  out += "<h2>Top sites</h2>" + bars(rows);
  out += "<h2>Hour of the week</h2><p class=muted>Visits by the hour they began, in " + esc(r.zone.name()) +
         "; outlined: contracted hours; red dot: flagged visits.</p>" + heat_map(r);
}

void flagged(const Report& r, std::string& out) {
  out += "<h2>Flagged visits (" + n(r.flagged.size()) + ")</h2><table><tr><th>who</th><th>site</th><th>start</th>"
         "<th>end</th><th>hits</th><th>period</th><th>outcome</th><th>rule</th><th>clauses</th></tr>";
  for (std::size_t i = 0; i < std::min(k_flagged_rows, r.flagged.size()); ++i) {
    const FlaggedVisit& v = r.flagged[i];
    const RuleRow& rule = r.rules[v.rule];
    std::string outcome(name_of(v.outcome));
    out += "<tr><td>" + esc(r.people[v.person].who) + "</td><td>" + esc(r.sites[v.site].site) + "</td><td>" +
           local_text(r.zone, v.start) + "</td><td>" + clock_text(r.zone, v.end) + "</td><td class=n>" + n(v.hits) +
           "</td><td>" + std::string(v.period) + "</td><td class=" + outcome + ">" + outcome + "</td><td>" + esc(rule.id) +
           "</td><td>" + esc(joined(rule.clauses)) + "</td></tr>";
  }
  out += "</table>";
  if (r.flagged.size() > k_flagged_rows) out += "<p class=muted>The first " + n(k_flagged_rows) + "; every one is in --report csv.</p>";
  out += "<h2>What the policy says</h2><table><tr><th>rule</th><th>outcome</th><th>visits</th><th>clauses</th><th>message</th></tr>";
  for (const auto& rule : r.rules) {
    std::string outcome(name_of(rule.outcome));
    out += "<tr><td>" + esc(rule.id) + "</td><td class=" + outcome + ">" + outcome + "</td><td class=n>" + n(rule.visits) +
           "</td><td>" + esc(joined(rule.clauses)) + "</td><td>" + esc(rule.message) +
           (rule.advice.empty() ? "" : "<br><span class=muted>Instead: " + esc(rule.advice) + "</span>") + "</td></tr>";
  }
  out += "</table>";
}

void details(const Report& r, std::string& out) {
  if (!r.edits.empty()) {
    out += "<h2>Encyclopaedia edits</h2><table><tr><th>who</th><th>site</th><th>time</th><th>edits</th><th>url</th><th>outcome</th></tr>";
    for (const auto& e : r.edits) {
      out += "<tr><td>" + esc(r.people[e.person].who) + "</td><td>" + esc(r.sites[e.site].site) + "</td><td>" +
             local_text(r.zone, e.time) + "</td><td class=n>" + n(e.edits) + "</td><td>" + esc(e.url) + "</td><td>" +
             std::string(name_of(e.outcome)) + "</td></tr>";
    }
    out += "</table>";
  }
  for (const auto& p : r.problems) {
    out += "<h2>" + esc(p.what) + ": " + n(p.count) + "</h2><ul>";
    for (const auto& e : p.examples) {
      out += "<li>" + esc(e.source) + ":" + n(e.line) + ": " + esc(e.why) + (e.excerpt.empty() ? "" : ": <code>" + esc(e.excerpt) + "</code>") + "</li>";
    }
    out += "</ul>";
  }
}

}  // namespace

std::string render_html(const Report& r) {
  const Totals& t = r.totals;
  std::string out = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Web use against " + esc(r.policy) +
                    "</title><style>" + std::string(k_style) + "</style></head><body>";
  out += "<h1>Web use against the policy of " + esc(r.school) + "</h1><p>Pack <b>" + esc(r.policy) + "</b>; times in " +
         esc(r.zone.name()) + (t.hits ? "; from " + local_text(r.zone, r.first) + " to " + local_text(r.zone, r.last) : "") +
         (r.timetable.terms.empty() ? "" : "; term dates: " + esc(terms_text(r.timetable))) + ".</p><p>" + n(t.lines) + " lines: " + n(t.hits) + " hits in " + n(t.visits) + " visits; " + n(t.without_user) +
         " without a user; " + n(t.blocked) + " blocked; " + n(t.malformed + t.too_long) + " unreadable" +
         (t.duplicates ? "; " + n(t.duplicates) + " duplicates of lines in an earlier log, counted once" : "") + ".</p>";
  charts(r, out);
  flagged(r, out);
  people(r, out);
  details(r, out);
  return out + "</body></html>\n";
}

}  // namespace smpolicy::monitor
