#include <cstdio>
#include <set>

#include "decide/decide.hpp"

namespace smpolicy {
namespace {

void add_list(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, items[i]);
  }
  out += ']';
}

void add_key(std::string& out, std::string_view key) {
  append_json_string(out, key);
  out += ':';
}

std::vector<std::string> duty_clauses(const VerdictDuty& duty) {
  std::vector<std::string> clauses;
  std::set<std::string> seen;
  for (const Rule* rule : duty.from) {
    for (const auto& c : rule->clauses) {
      if (seen.insert(c).second) clauses.push_back(c);
    }
  }
  return clauses;
}

// The text a finding points into, clipped to the field; empty when out of range.
std::string_view evidence_text(const Event& event, const Finding& finding) {
  int slot = spec_of(event.kind).slot(finding.field);
  if (slot < 0) return {};
  const std::string& text = event.fields[static_cast<std::size_t>(slot)].text;
  if (finding.begin > finding.end || finding.end > text.size()) return {};
  return std::string_view(text).substr(finding.begin, finding.end - finding.begin);
}

std::vector<std::string> names(Kind kind, std::uint64_t mask) {
  std::vector<std::string> out;
  for (auto n : field_names(kind, mask)) out.emplace_back(n);
  return out;
}

void add_finding(std::string& out, const Verdict& verdict, const VerdictFinding& f, const Event& event,
                 std::span<const Finding> findings) {
  const Rule& rule = *f.rule;
  out += '{';
  add_key(out, "rule"); append_json_string(out, rule.id);
  out += ','; add_key(out, "clauses"); add_list(out, rule.clauses);
  out += ','; add_key(out, "outcome"); append_json_string(out, name_of(rule.outcome));
  out += ','; add_key(out, "severity"); append_json_string(out, name_of(rule.severity));
  out += ','; add_key(out, "message"); append_json_string(out, rule.message);
  if (!rule.advice.empty()) { out += ','; add_key(out, "advice"); append_json_string(out, rule.advice); }
  if (f.assumed) { out += ','; add_key(out, "assumed"); add_list(out, names(verdict.kind, f.assumed)); }
  if (f.evidence >= 0 && static_cast<std::size_t>(f.evidence) < findings.size()) {
    const Finding& found = findings[static_cast<std::size_t>(f.evidence)];
    out += ','; add_key(out, "evidence"); out += '{';
    add_key(out, "kind"); append_json_string(out, found.kind);
    out += ','; add_key(out, "field"); append_json_string(out, found.field);
    out += ",\"span\":[" + std::to_string(found.begin) + ',' + std::to_string(found.end) + "],";
    add_key(out, "text"); append_json_string(out, evidence_text(event, found));
    out += '}';
  }
  out += '}';
}

void add_detected(std::string& out, const Event& event, std::span<const Finding> findings) {
  out += ",\"detected\":[";
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    out += i ? ",{" : "{";
    add_key(out, "kind"); append_json_string(out, f.kind);
    out += ','; add_key(out, "field"); append_json_string(out, f.field);
    out += ",\"span\":[" + std::to_string(f.begin) + ',' + std::to_string(f.end) + "],";
    add_key(out, "text"); append_json_string(out, evidence_text(event, f));
    char confidence[16];
    std::snprintf(confidence, sizeof confidence, "%.2f", static_cast<double>(f.confidence));
    out += std::string(",\"confidence\":") + confidence;
    if (!f.detail.empty()) { out += ','; add_key(out, "detail"); append_json_string(out, f.detail); }
    out += '}';
  }
  out += ']';
}

}  // namespace

std::string render_json(const Verdict& verdict, const Event& event, std::span<const Finding> findings,
                        JsonDetail detail) {
  std::string out = "{";
  if (!event.id.empty()) { add_key(out, "id"); append_json_string(out, event.id); out += ','; }
  add_key(out, "policy"); append_json_string(out, verdict.pack->info.id);
  out += ','; add_key(out, "kind"); append_json_string(out, name_of(verdict.kind));
  out += ','; add_key(out, "outcome"); append_json_string(out, name_of(verdict.outcome));
  out += ','; add_key(out, "findings"); out += '[';
  for (std::size_t i = 0; i < verdict.findings.size(); ++i) {
    if (i) out += ',';
    add_finding(out, verdict, verdict.findings[i], event, findings);
  }
  out += "],"; add_key(out, "duties"); out += '[';
  for (std::size_t i = 0; i < verdict.duties.size(); ++i) {
    const auto& d = verdict.duties[i];
    if (i) out += ',';
    out += '{'; add_key(out, "action"); append_json_string(out, d.duty->action);
    out += ','; add_key(out, "who"); append_json_string(out, d.duty->who);
    out += ','; add_key(out, "clauses"); add_list(out, duty_clauses(d));
    out += ','; add_key(out, "text"); append_json_string(out, describe_duty(*d.duty, *verdict.pack));
    out += '}';
  }
  out += ']';
  if (verdict.missing) { out += ','; add_key(out, "missing"); add_list(out, names(verdict.kind, verdict.missing)); }
  if (detail == JsonDetail::with_detected) add_detected(out, event, findings);
  out += '}';
  return out;
}

std::string render_text(const Verdict& verdict, const Event& event, std::span<const Finding> findings, bool colour) {
  auto paint = [&](std::string_view code, std::string_view text) {
    return colour ? "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m" : std::string(text);
  };
  auto outcome_colour = [](Outcome o) {
    return o == Outcome::breach ? "1;31" : o == Outcome::needs_permission ? "1;33" : o == Outcome::advise ? "1;36" : "1;32";
  };
  std::string upper(name_of(verdict.outcome));
  for (auto& c : upper) c = c == '_' ? ' ' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string out = std::string(name_of(verdict.kind));
  if (!event.id.empty()) out += " " + event.id;
  else if (event.line) out += " (line " + std::to_string(event.line) + ")";
  out += ": " + paint(outcome_colour(verdict.outcome), upper) + "  [" + verdict.pack->info.id + "]\n";
  for (const auto& f : verdict.findings) {
    const Rule& rule = *f.rule;
    std::string clauses;
    for (const auto& c : rule.clauses) clauses += (clauses.empty() ? "" : ", ") + c;
    out += "  - " + paint(outcome_colour(rule.outcome), std::string(name_of(rule.outcome))) + ", " +
           std::string(name_of(rule.severity)) + ": " + rule.message + "  (clause " + clauses + ")\n";
    if (f.evidence >= 0 && static_cast<std::size_t>(f.evidence) < findings.size()) {
      const Finding& found = findings[static_cast<std::size_t>(f.evidence)];
      out += "      found " + found.kind + ": \"" + std::string(evidence_text(event, found)) + "\"\n";
    }
    if (f.assumed) {
      std::string missing;
      for (auto n : field_names(verdict.kind, f.assumed)) missing += (missing.empty() ? "" : ", ") + std::string(n);
      out += "      not given, so the cautious reading applies: " + missing + "\n";
    }
    if (!rule.advice.empty()) out += "      instead: " + rule.advice + "\n";
  }
  if (!verdict.duties.empty()) {
    out += "  what must happen now:\n";
    for (const auto& d : verdict.duties) {
      std::string clauses;
      for (const auto& c : duty_clauses(d)) clauses += (clauses.empty() ? "" : ", ") + c;
      out += "    * " + describe_duty(*d.duty, *verdict.pack) + "  [" + clauses + "]\n";
    }
  }
  return out;
}

}  // namespace smpolicy
