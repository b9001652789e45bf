// The report as CSV: one table per section, each after a "# name" line and a header, the
// sections apart by a blank line. Every flagged visit and edit is a row.
#include "monitor/render.hpp"

namespace smpolicy::monitor {
namespace {

std::string cell(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string counts(const Counts& c) {
  std::string out = std::to_string(c.visits) + "," + std::to_string(c.hits);
  for (auto n : c.outcomes) out += "," + std::to_string(n);
  return out;
}

constexpr std::string_view k_count_columns = "visits,hits,allow,advise,needs_permission,breach";

void section(std::string& out, std::string_view name, std::string_view header) {
  if (!out.empty()) out += "\n";
  out += "# " + std::string(name) + "\n" + std::string(header) + "\n";
}

void tables(const Report& r, std::string& out) {
  section(out, "people", "who,known,logged_as," + std::string(k_count_columns) + ",blocked,edits");
  for (const auto& p : r.people) {
    out += cell(p.who) + "," + (p.known ? "true" : "false") + "," + cell(p.logged_as) + "," + counts(p.counts) + "," +
           std::to_string(p.blocked) + "," + std::to_string(p.edits) + "\n";
  }
  section(out, "categories", "category," + std::string(k_count_columns) + ",people");
  for (const auto& c : r.categories) out += cell(c.category) + "," + counts(c.counts) + "," + std::to_string(c.people) + "\n";
  section(out, "sites", "site,category," + std::string(k_count_columns) + ",people");
  for (const auto& s : r.sites) {
    out += cell(s.site) + "," + cell(s.category) + "," + counts(s.counts) + "," + std::to_string(s.people) + "\n";
  }
  section(out, "hours", "day,hour,visits,flagged");
  for (int d = 0; d < 7; ++d) {
    for (int h = 0; h < 24; ++h) {
      auto n = r.heat[static_cast<std::size_t>(d)][static_cast<std::size_t>(h)];
      if (!n) continue;
      out += std::string(day_name(d)) + "," + std::to_string(h) + "," + std::to_string(n) + "," +
             std::to_string(r.heat_flagged[static_cast<std::size_t>(d)][static_cast<std::size_t>(h)]) + "\n";
    }
  }
}

void visits(const Report& r, std::string& out) {
  section(out, "flagged", "who,site,category,start,end,hits,period,outcome,rule,clauses,message");
  for (const auto& v : r.flagged) {
    const RuleRow& rule = r.rules[v.rule];
    out += cell(r.people[v.person].who) + "," + cell(r.sites[v.site].site) + "," + cell(r.sites[v.site].category) + "," +
           local_text(r.zone, v.start) + "," + local_text(r.zone, v.end) + "," + std::to_string(v.hits) + "," +
           std::string(v.period) + "," + std::string(name_of(v.outcome)) + "," + cell(rule.id) + "," +
           cell(joined(rule.clauses)) + "," + cell(rule.message) + "\n";
  }
  section(out, "rules", "rule,outcome,severity,visits,clauses,message,advice");
  for (const auto& rule : r.rules) {
    out += cell(rule.id) + "," + std::string(name_of(rule.outcome)) + "," + std::string(name_of(rule.severity)) + "," +
           std::to_string(rule.visits) + "," + cell(joined(rule.clauses)) + "," + cell(rule.message) + "," + cell(rule.advice) + "\n";
  }
  section(out, "edits", "who,site,time,edits,url,outcome");
  for (const auto& e : r.edits) {
    out += cell(r.people[e.person].who) + "," + cell(r.sites[e.site].site) + "," + local_text(r.zone, e.time) + "," +
           std::to_string(e.edits) + "," + cell(e.url) + "," + std::string(name_of(e.outcome)) + "\n";
  }
  section(out, "problems", "problem,source,line,why,excerpt");
  for (const auto& p : r.problems) {
    for (const auto& e : p.examples) {
      out += cell(p.what) + "," + cell(e.source) + "," + std::to_string(e.line) + "," + cell(e.why) + "," + cell(e.excerpt) + "\n";
    }
  }
}

}  // namespace

std::string render_csv(const Report& report) {
  std::string out;
  tables(report, out);
  visits(report, out);
  return out;
}

}  // namespace smpolicy::monitor
