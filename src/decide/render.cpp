#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>

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

// Calls `each(clause)` for the clauses of every rule behind a duty, each once, in order.
template <typename Each>
void each_duty_clause(const VerdictDuty& duty, Each each) {
  for (std::size_t r = 0; r < duty.from.size(); ++r) {
    const auto& clauses = duty.from[r]->clauses;
    for (std::size_t c = 0; c < clauses.size(); ++c) {
      // Rules cite a clause or two, so looking back beats building a set.
      bool seen = std::find(clauses.begin(), clauses.begin() + static_cast<long>(c), clauses[c]) != clauses.begin() + static_cast<long>(c);
      for (std::size_t earlier = 0; earlier < r && !seen; ++earlier) {
        const auto& before = duty.from[earlier]->clauses;
        seen = std::find(before.begin(), before.end(), clauses[c]) != before.end();
      }
      if (!seen) each(clauses[c]);
    }
  }
}

std::vector<std::string> duty_clauses(const VerdictDuty& duty) {
  std::vector<std::string> clauses;
  each_duty_clause(duty, [&](const std::string& c) { clauses.push_back(c); });
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

void append_number(std::string& out, std::uint32_t n) {
  char digits[16];
  auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out.append(digits, end);
}

// "%.2f" of a confidence, exactly as printf writes it (to nearest, a tie to even, on the
// float's exact value) without printf's cost, which was a tenth of the writer's time.
void append_confidence(std::string& out, float confidence) {
  double value = confidence;
  if (!(value >= 0 && value < 1000)) {
    char text[32];
    int n = std::snprintf(text, sizeof text, "%.2f", value);
    out.append(text, static_cast<std::size_t>(std::clamp(n, 0, static_cast<int>(sizeof text) - 1)));
    return;
  }
  // Exact: a float's 24 significant bits times 100's five fit in a double, and so does
  // what is left after the whole part.
  double scaled = value * 100, whole = std::floor(scaled), rest = scaled - whole;
  auto hundredths = static_cast<std::uint32_t>(whole);
  if (rest > 0.5 || (rest == 0.5 && (hundredths & 1))) ++hundredths;
  append_number(out, hundredths / 100);
  out += '.';
  out += static_cast<char>('0' + hundredths / 10 % 10);
  out += static_cast<char>('0' + hundredths % 10);
}

// `"kind":…,"field":…,"span":[b,e],"text":…` of one finding.
void add_found(std::string& out, const Event& event, const Finding& f) {
  out += "\"kind\":"; append_json_string(out, f.kind);
  out += ",\"field\":"; append_json_string(out, f.field);
  out += ",\"span\":["; append_number(out, f.begin); out += ','; append_number(out, f.end); out += "],";
  out += "\"text\":"; append_json_string(out, evidence_text(event, f));
}

void add_finding(std::string& out, const Verdict& verdict, const VerdictFinding& f, const Event& event,
                 std::span<const Finding> findings) {
  const Rule& rule = *f.rule;
  out += "{\"rule\":"; append_json_string(out, rule.id);
  out += ",\"clauses\":"; add_list(out, rule.clauses);
  out += ",\"outcome\":"; append_json_string(out, name_of(rule.outcome));
  out += ",\"severity\":"; append_json_string(out, name_of(rule.severity));
  out += ",\"message\":"; append_json_string(out, rule.message);
  if (!rule.advice.empty()) { out += ",\"advice\":"; append_json_string(out, rule.advice); }
  if (f.assumed) { out += ",\"assumed\":"; add_list(out, names(verdict.kind, f.assumed)); }
  if (f.evidence >= 0 && static_cast<std::size_t>(f.evidence) < findings.size()) {
    out += ",\"evidence\":{";
    add_found(out, event, findings[static_cast<std::size_t>(f.evidence)]);
    out += '}';
  }
  out += '}';
}

void add_duty(std::string& out, const VerdictDuty& d, const Pack& pack) {
  out += "{\"action\":"; append_json_string(out, d.duty->action);
  out += ",\"who\":"; append_json_string(out, d.duty->who);
  out += ",\"clauses\":[";
  bool first = true;
  each_duty_clause(d, [&](const std::string& c) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, c);
  });
  out += "],\"text\":"; append_json_string(out, describe_duty(*d.duty, pack));
  out += '}';
}

void add_detected(std::string& out, const Event& event, std::span<const Finding> findings) {
  out += ",\"detected\":[";
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    out += i ? ",{" : "{";
    add_found(out, event, f);
    out += ",\"confidence\":";
    append_confidence(out, f.confidence);
    if (!f.detail.empty()) { out += ",\"detail\":"; append_json_string(out, f.detail); }
    out += '}';
  }
  out += ']';
}

}  // namespace

void append_json(std::string& out, const Verdict& verdict, const Event& event, std::span<const Finding> findings,
                 JsonDetail detail) {
  out += '{';
  if (!event.id.empty()) { out += "\"id\":"; append_json_string(out, event.id); out += ','; }
  out += "\"policy\":"; append_json_string(out, verdict.pack->info.id);
  out += ",\"kind\":"; append_json_string(out, name_of(verdict.kind));
  out += ",\"outcome\":"; append_json_string(out, name_of(verdict.outcome));
  out += ",\"findings\":[";
  for (std::size_t i = 0; i < verdict.findings.size(); ++i) {
    if (i) out += ',';
    add_finding(out, verdict, verdict.findings[i], event, findings);
  }
  out += "],\"duties\":[";
  for (std::size_t i = 0; i < verdict.duties.size(); ++i) {
    if (i) out += ',';
    add_duty(out, verdict.duties[i], *verdict.pack);
  }
  out += ']';
  if (verdict.missing) { out += ",\"missing\":"; add_list(out, names(verdict.kind, verdict.missing)); }
  if (detail == JsonDetail::with_detected) add_detected(out, event, findings);
  out += '}';
}

std::string render_json(const Verdict& verdict, const Event& event, std::span<const Finding> findings,
                        JsonDetail detail) {
  std::string out;
  append_json(out, verdict, event, findings, detail);
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
