// A verdict as one line of JSON (DESIGN.md's contract): written straight from its pack
// (append_json), or from the parts of the pack rendered once (JsonRenderer).
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>

#include "decide/render_parts.hpp"

namespace smpolicy {
namespace {

using namespace std::literals;
using render_parts::each_duty_clause;
using render_parts::each_duty_clause_at;
using render_parts::evidence_text;

void add_list(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, items[i]);
  }
  out += ']';
}

std::vector<std::string> names(Kind kind, std::uint64_t mask) {
  std::vector<std::string> out;
  for (auto n : field_names(kind, mask)) out.emplace_back(n);
  return out;
}

// Written straight into `out`'s room, as append_json_string writes: a copy through a
// buffer of its own cost a call to append and one to memcpy for a few digits.
void append_number(std::string& out, std::uint32_t n) {
  constexpr std::size_t k_most = 10;  // digits of the largest 32-bit number
  std::size_t at = out.size();
  out.resize_and_overwrite(at + k_most, [&](char* to, std::size_t) {
    return static_cast<std::size_t>(std::to_chars(to + at, to + at + k_most, n).ptr - to);
  });
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
  char fraction[3] = {'.', static_cast<char>('0' + hundredths / 10 % 10), static_cast<char>('0' + hundredths % 10)};
  out.append(fraction, sizeof fraction);
}

// `"kind":…,"field":…,"span":[b,e],"text":…` of one finding.
void add_found(std::string& out, const Event& event, const Finding& f) {
  out += "\"kind\":"sv; append_json_string(out, f.kind);
  out += ",\"field\":"sv; append_json_string(out, f.field);
  out += ",\"span\":["sv; append_number(out, f.begin); out += ','; append_number(out, f.end);
  out += "],\"text\":"sv; append_json_string(out, evidence_text(event, f));
}

// The detector findings of one verdict, each written by add_found once though a verdict
// cites most twice: as a rule's evidence and under "detected".
class Found {
 public:
  Found(const Event& event, std::span<const Finding> findings) : m_event(event), m_findings(findings) {
    m_text.clear();
  }
  // add_found(out, event, findings[i]).
  void add(std::string& out, std::size_t i) {
    if (i >= k_kept) return add_found(out, m_event, m_findings[i]);
    if (m_end[i] == 0) {  // add_found writes something, so an end of 0 means not yet
      m_begin[i] = m_text.size();
      add_found(m_text, m_event, m_findings[i]);
      m_end[i] = m_text.size();
    }
    out.append(m_text, m_begin[i], m_end[i] - m_begin[i]);
  }
  std::span<const Finding> all() const { return m_findings; }

 private:
  static constexpr std::size_t k_kept = 16;
  const Event& m_event;
  std::span<const Finding> m_findings;
  std::array<std::size_t, k_kept> m_begin{}, m_end{};
  // Kept between verdicts so that its room is; one a thread, as servers render at once.
  static thread_local std::string m_text;
};

thread_local std::string Found::m_text;

// What a finding takes from its rule alone: `{"rule":…` up to the message and advice.
void add_rule_head(std::string& out, const Rule& rule) {
  out += "{\"rule\":"sv; append_json_string(out, rule.id);
  out += ",\"clauses\":"sv; add_list(out, rule.clauses);
  out += ",\"outcome\":"sv; append_json_string(out, name_of(rule.outcome));
  out += ",\"severity\":"sv; append_json_string(out, name_of(rule.severity));
  out += ",\"message\":"sv; append_json_string(out, rule.message);
  if (!rule.advice.empty()) { out += ",\"advice\":"sv; append_json_string(out, rule.advice); }
}

// The rest of a finding, which this verdict decides: what was assumed, and the evidence.
void add_finding_tail(std::string& out, const Verdict& verdict, const VerdictFinding& f, Found& found) {
  if (f.assumed) { out += ",\"assumed\":"sv; add_list(out, names(verdict.kind, f.assumed)); }
  if (f.evidence >= 0 && static_cast<std::size_t>(f.evidence) < found.all().size()) {
    out += ",\"evidence\":{"sv;
    found.add(out, static_cast<std::size_t>(f.evidence));
    out += '}';
  }
  out += '}';
}

// A duty is its head, the clauses of the rules behind it, and its tail.
void add_duty_head(std::string& out, const DutySpec& duty) {
  out += "{\"action\":"sv; append_json_string(out, duty.action);
  out += ",\"who\":"sv; append_json_string(out, duty.who);
  out += ",\"clauses\":["sv;
}

void add_duty_clauses(std::string& out, const VerdictDuty& d) {
  bool first = true;
  each_duty_clause(d, [&](const std::string& c) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, c);
  });
}

void add_duty_tail(std::string& out, const DutySpec& duty, const Pack& pack) {
  out += "],\"text\":"sv; append_json_string(out, describe_duty(duty, pack));
  out += '}';
}

void add_detected(std::string& out, Found& found) {
  out += ",\"detected\":["sv;
  for (std::size_t i = 0; i < found.all().size(); ++i) {
    const Finding& f = found.all()[i];
    out += i ? ",{"sv : "{"sv;
    found.add(out, i);
    out += ",\"confidence\":"sv;
    append_confidence(out, f.confidence);
    if (!f.detail.empty()) { out += ",\"detail\":"sv; append_json_string(out, f.detail); }
    out += '}';
  }
  out += ']';
}

// The parts of a verdict that depend on the pack alone, written straight from it.
struct FromPack {
  const Pack& pack;
  void rule(std::string& out, const Rule& rule) const { add_rule_head(out, rule); }
  void duty(std::string& out, const VerdictDuty& d) const {
    add_duty_head(out, *d.duty);
    add_duty_clauses(out, d);
    add_duty_tail(out, *d.duty, pack);
  }
};

// `,"kind":…,"outcome":…,"findings":[`, the same for every verdict of a kind and outcome,
// so written once for each pair.
std::string_view kind_and_outcome(Kind kind, Outcome outcome) {
  constexpr std::size_t k_outcome_count = static_cast<std::size_t>(Outcome::breach) + 1;
  static const auto k_texts = [] {
    std::array<std::array<std::string, k_outcome_count>, k_kind_count> texts;
    for (std::size_t k = 0; k < static_cast<std::size_t>(k_kind_count); ++k) {
      for (std::size_t o = 0; o < k_outcome_count; ++o) {
        std::string& text = texts[k][o];
        text += ",\"kind\":"sv; append_json_string(text, name_of(static_cast<Kind>(k)));
        text += ",\"outcome\":"sv; append_json_string(text, name_of(static_cast<Outcome>(o)));
        text += ",\"findings\":["sv;
      }
    }
    return texts;
  }();
  return k_texts[static_cast<std::size_t>(kind)][static_cast<std::size_t>(outcome)];
}

// The whole verdict; `parts` writes what depends on the pack alone (FromPack's shape).
template <typename Parts>
void append_verdict(std::string& out, const Verdict& verdict, const Event& event, std::span<const Finding> findings,
                    JsonDetail detail, const Parts& parts) {
  out += '{';
  if (!event.id.empty()) { out += "\"id\":"sv; append_json_string(out, event.id); out += ','; }
  out += "\"policy\":"sv; append_json_string(out, verdict.pack->info.id);
  out += kind_and_outcome(verdict.kind, verdict.outcome);
  Found found(event, findings);
  for (std::size_t i = 0; i < verdict.findings.size(); ++i) {
    if (i) out += ',';
    parts.rule(out, *verdict.findings[i].rule);
    add_finding_tail(out, verdict, verdict.findings[i], found);
  }
  out += "],\"duties\":["sv;
  for (std::size_t i = 0; i < verdict.duties.size(); ++i) {
    if (i) out += ',';
    parts.duty(out, verdict.duties[i]);
  }
  out += ']';
  if (verdict.missing) { out += ",\"missing\":"sv; add_list(out, names(verdict.kind, verdict.missing)); }
  if (detail == JsonDetail::with_detected) add_detected(out, found);
  out += '}';
}

// Where `item` lies in `items`, or -1 when it lies elsewhere.
template <typename T>
long index_in(const std::vector<T>& items, const T* item) {
  const T* first = items.data();
  if (std::less<const T*>()(item, first) || !std::less<const T*>()(item, first + items.size())) return -1;
  return item - first;
}

}  // namespace

void append_json(std::string& out, const Verdict& verdict, const Event& event, std::span<const Finding> findings,
                 JsonDetail detail) {
  append_verdict(out, verdict, event, findings, detail, FromPack{*verdict.pack});
}

std::string render_json(const Verdict& verdict, const Event& event, std::span<const Finding> findings,
                        JsonDetail detail) {
  std::string out;
  append_json(out, verdict, event, findings, detail);
  return out;
}

JsonRenderer::JsonRenderer(const Pack& pack) : m_pack(&pack) {
  m_rules.reserve(pack.rules.size());
  std::vector<std::string_view> distinct;  // the clauses rules cite, each once
  for (const Rule& rule : pack.rules) {
    RuleParts parts{{}, {}, {}, {}, m_duties.size()};
    add_rule_head(parts.head, rule);
    add_duty_clauses(parts.clauses, VerdictDuty{nullptr, {&rule}});
    for (const auto& clause : rule.clauses) {
      append_json_string(parts.clause.emplace_back(), clause);
      auto it = std::find(distinct.begin(), distinct.end(), clause);
      if (it == distinct.end()) it = distinct.insert(it, clause);
      parts.clause_id.push_back(static_cast<std::uint32_t>(it - distinct.begin()));
    }
    for (const DutySpec& duty : rule.duties) {
      DutyParts& d = m_duties.emplace_back();
      add_duty_head(d.head, duty);
      add_duty_tail(d.tail, duty, pack);
    }
    m_rules.push_back(std::move(parts));
  }
}

void JsonRenderer::append(std::string& out, const Verdict& verdict, const Event& event,
                          std::span<const Finding> findings, JsonDetail detail) const {
  FromPack slow{*verdict.pack};
  if (verdict.pack != m_pack) return append_verdict(out, verdict, event, findings, detail, slow);
  // Rules and duties point into the pack (decide's contract: a duty into the rules of
  // the first rule behind it); anything else is written the slow way.
  struct Rendered {
    const JsonRenderer& of;
    const FromPack& slow;
    void rule(std::string& out, const Rule& rule) const {
      long at = index_in(of.m_pack->rules, &rule);
      if (at < 0) return slow.rule(out, rule);
      out += of.m_rules[static_cast<std::size_t>(at)].head;
    }
    void duty(std::string& out, const VerdictDuty& d) const {
      long at = d.from.empty() ? -1 : index_in(of.m_pack->rules, d.from.front());
      long which = at < 0 ? -1 : index_in(d.from.front()->duties, d.duty);
      bool all_in_pack = std::all_of(d.from.begin(), d.from.end(),
                                     [&](const Rule* rule) { return index_in(of.m_pack->rules, rule) >= 0; });
      if (which < 0 || !all_in_pack) return slow.duty(out, d);
      const RuleParts& rule = of.m_rules[static_cast<std::size_t>(at)];
      const DutyParts& parts = of.m_duties[rule.first_duty + static_cast<std::size_t>(which)];
      out += parts.head;
      if (d.from.size() == 1) {
        out += rule.clauses;
      } else {
        // Clauses told apart by their numbers, not by comparing their texts.
        thread_local std::vector<std::uint32_t> seen;
        thread_local std::vector<const RuleParts*> from;  // the parts of each rule behind the duty
        from.clear();
        for (const Rule* r : d.from) from.push_back(&of.m_rules[static_cast<std::size_t>(index_in(of.m_pack->rules, r))]);
        bool first = true;
        each_duty_clause_at(
            d, seen, [&](std::size_t r, std::size_t c) { return from[r]->clause_id[c]; },
            [&](std::size_t r, std::size_t c) {
              if (!first) out += ',';
              first = false;
              out += from[r]->clause[c];
            });
      }
      out += parts.tail;
    }
  };
  append_verdict(out, verdict, event, findings, detail, Rendered{*this, slow});
}

}  // namespace smpolicy
