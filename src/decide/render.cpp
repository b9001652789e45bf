// The human view of a verdict; the JSON view is render_json.cpp.
#include <cctype>
#include <string>
#include <vector>

#include "decide/render_parts.hpp"
#include "decide/same_bytes.hpp"

namespace smpolicy {
namespace {

using render_parts::each_duty_clause;
using render_parts::evidence_text;

std::vector<std::string> duty_clauses(const VerdictDuty& duty) {
  std::vector<std::string> clauses;
  each_duty_clause(duty, [&](const std::string& c) { clauses.push_back(c); });
  return clauses;
}

}  // namespace

const std::string* render_parts::field_text(const Event& event, std::string_view field) {
  // The slot of the field last asked for on this thread: its verdicts ask for the same
  // one ("text") over and over, and a name is compared sooner than it is looked up.
  struct Last {
    bool set = false;
    Kind kind = Kind::post;
    std::string field;
    int slot = -1;
  };
  thread_local Last last;
  if (!last.set || last.kind != event.kind || !same_bytes(last.field, field)) {
    // The scanned fields first, and only then (a field a caller stated) every field by name.
    const auto& spec = spec_of(event.kind);
    const auto& scanned = scanned_slots(event.kind);
    auto it = std::find_if(scanned.begin(), scanned.end(), [&](std::size_t i) { return same_bytes(spec.fields[i].name, field); });
    last.slot = it != scanned.end() ? static_cast<int>(*it) : spec.slot(field);
    last.kind = event.kind;
    assign_text(last.field, field);
    last.set = true;
  }
  if (last.slot < 0) return nullptr;
  return &event.fields[static_cast<std::size_t>(last.slot)].text;
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
