#include <map>

#include "policy/policy.hpp"

namespace smpolicy {
namespace {

std::map<std::string, std::vector<std::string>> rules_by_clause(const Pack& pack) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& rule : pack.rules) {
    for (const auto& c : rule.clauses) out[c].push_back(rule.id);
  }
  return out;
}

std::string clock(int minutes) {
  std::string out = std::to_string(minutes / 60) + ":" + std::to_string(minutes % 60 / 10) +
                    std::to_string(minutes % 10);
  return out.size() < 5 ? "0" + out : out;
}

std::string days_text(std::uint8_t days) {
  static constexpr const char* k_names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  std::string out;
  for (int d = 0; d < 7; ++d) {
    if (days & (1u << d)) out += (out.empty() ? "" : " ") + std::string(k_names[d]);
  }
  return out;
}

void json_field(std::string& out, std::string_view key, std::string_view value, bool comma = true) {
  if (comma) out += ',';
  append_json_string(out, key);
  out += ':';
  append_json_string(out, value);
}

std::string render_json_pack(const Pack& pack, bool with_coverage) {
  const auto& i = pack.info;
  std::string out = "{";
  json_field(out, "id", i.id, false);
  json_field(out, "title", i.title);
  json_field(out, "school", i.school);
  json_field(out, "scope", i.scope);
  json_field(out, "version", i.version);
  json_field(out, "approved_on", i.approved_on);
  json_field(out, "approved_by", i.approved_by);
  json_field(out, "review_due", i.review_due);
  json_field(out, "summary", i.summary);
  json_field(out, "time_zone", pack.timetable.zone.name());
  out += ",\"clauses\":[";
  auto cited = rules_by_clause(pack);
  for (std::size_t k = 0; k < pack.clauses.size(); ++k) {
    const auto& c = pack.clauses[k];
    out += k ? ",{" : "{";
    json_field(out, "id", c.id, false);
    json_field(out, "section", c.section);
    json_field(out, "says", c.says);
    out += std::string(",\"informational\":") + (c.informational ? "true" : "false") + ",\"rules\":[";
    const auto& ids = cited[c.id];
    for (std::size_t r = 0; r < ids.size(); ++r) {
      if (r) out += ',';
      append_json_string(out, ids[r]);
    }
    out += "]}";
  }
  out += "]";
  if (with_coverage) {
    auto cov = coverage_of(pack);
    out += ",\"coverage\":{\"total\":" + std::to_string(cov.total) + ",\"with_rules\":" +
           std::to_string(cov.with_rules) + ",\"informational\":" + std::to_string(cov.informational) +
           ",\"uncovered\":[";
    for (std::size_t u = 0; u < cov.uncovered.size(); ++u) {
      if (u) out += ',';
      append_json_string(out, cov.uncovered[u]);
    }
    out += "]}";
  }
  out += ",\"rules\":" + std::to_string(pack.rules.size()) + "}\n";
  return out;
}

std::string render_text_pack(const Pack& pack, bool with_coverage) {
  const auto& i = pack.info;
  std::string out = i.title + "\n" + std::string(i.title.size(), '=') + "\n";
  auto line = [&](std::string_view label, const std::string& value) {
    if (!value.empty()) out += std::string(label) + value + "\n";
  };
  line("pack:        ", i.id + (pack.origin == "bundled" ? " (bundled)" : " (" + pack.origin + ")"));
  line("owner:       ", i.school + (i.scope.empty() ? "" : " (" + i.scope + ")"));
  line("version:     ", i.version);
  line("approved:    ", i.approved_on + (i.approved_by.empty() ? "" : " by " + i.approved_by));
  line("review due:  ", i.review_due);
  const auto& tt = pack.timetable;
  std::string breaks;
  for (auto [a, b] : tt.breaks) breaks += (breaks.empty() ? "" : ", ") + clock(a) + "-" + clock(b);
  line("hours:       ", days_text(tt.days) + " " + clock(tt.start) + "-" + clock(tt.end) +
                           (breaks.empty() ? "" : ", breaks " + breaks) + " (" + tt.zone.name() + ")");
  for (const auto& [role, titles] : pack.roles) {
    std::string joined;
    for (const auto& t : titles) joined += (joined.empty() ? "" : ", ") + t;
    line(("role " + role + ": ").c_str(), joined);
  }
  if (!i.summary.empty()) out += "\n" + i.summary + "\n";
  auto cited = rules_by_clause(pack);
  std::string section;
  for (const auto& c : pack.clauses) {
    if (c.section != section) {
      section = c.section;
      out += "\n" + section + "\n";
    }
    std::string marker = c.informational ? "  (explains)" : cited[c.id].empty() ? "  (NO RULE)" : "";
    out += "  " + c.id + std::string(c.id.size() < 8 ? 8 - c.id.size() : 1, ' ') + c.says + marker + "\n";
  }
  if (with_coverage) {
    auto cov = coverage_of(pack);
    out += "\ncoverage: " + std::to_string(cov.total) + " clauses, " + std::to_string(cov.with_rules) +
           " with rules, " + std::to_string(cov.informational) + " informational, " +
           std::to_string(cov.uncovered.size()) + " uncovered; " + std::to_string(pack.rules.size()) + " rules\n";
    for (const auto& id : cov.uncovered) out += "  uncovered: " + id + "\n";
  }
  return out;
}

}  // namespace

std::string render_pack(const Pack& pack, Format format, bool with_coverage) {
  return format == Format::json ? render_json_pack(pack, with_coverage) : render_text_pack(pack, with_coverage);
}

}  // namespace smpolicy
