// A verdict as one line of JSON (DESIGN.md's contract): written straight from its pack
// (append_json), or from the parts of the pack rendered once (JsonRenderer).
#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>

#include "decide/json_out.hpp"
#include "decide/render_parts.hpp"

namespace smpolicy {
namespace {

using namespace std::literals;
using render_parts::each_duty_clause;
using render_parts::each_duty_clause_at;
using render_parts::evidence_in;
using render_parts::field_text;

void add_list(JsonOut& out, const std::vector<std::string>& items) {
  out.put('[');
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out.put(',');
    out.string(items[i]);
  }
  out.put(']');
}

std::vector<std::string> names(Kind kind, std::uint64_t mask) {
  std::vector<std::string> out;
  for (auto n : field_names(kind, mask)) out.emplace_back(n);
  return out;
}

// `"kind":…,"field":…,"span":[b,e],"text":…` of one finding; `text` is its field's.
void add_found(JsonOut& out, const std::string* text, const Finding& f) {
  out.member("\"kind\":"sv, f.kind);
  out.member(",\"field\":"sv, f.field);
  out.member(",\"span\":["sv, f.begin);
  out.member(","sv, f.end);
  out.member("],\"text\":"sv, evidence_in(text, f));
}

// The detector findings of one verdict, each written by add_found once though a verdict
// cites most twice: as a rule's evidence and under "detected". The second time, the
// bytes the first wrote are copied from where they lie in the verdict.
class Found {
 public:
  Found(const Event& event, std::span<const Finding> findings) : m_event(event), m_findings(findings) {}
  // add_found(out, event, findings[i]); `out` must be the writer of every call.
  void add(JsonOut& out, std::size_t i) {
    // Small enough to be written where it is called, the first time apart.
    if (i < k_kept && (m_written >> i & 1)) return out.repeat(m_begin[i], m_end[i]);
    add_first(out, i);
  }
  std::span<const Finding> all() const { return m_findings; }

 private:
  void add_first(JsonOut& out, std::size_t i) {
    if (i >= k_kept) return add_found(out, text_of(m_findings[i]), m_findings[i]);
    m_begin[i] = out.offset();
    add_found(out, text_of(m_findings[i]), m_findings[i]);
    m_end[i] = out.offset();
    m_written |= std::uint32_t{1} << i;
  }

  // The text of the finding's field: field_text, which keeps the field it found last.
  const std::string* text_of(const Finding& f) const { return field_text(m_event, f.field); }

  static constexpr std::size_t k_kept = 16;  // findings whose bytes are kept, a bit each in m_written
  const Event& m_event;
  std::span<const Finding> m_findings;
  std::array<std::size_t, k_kept> m_begin, m_end;  // set where m_written says
  std::uint32_t m_written = 0;
};

// What a finding takes from its rule alone: `{"rule":…` up to the message and advice.
void add_rule_head(JsonOut& out, const Rule& rule) {
  out.put("{\"rule\":"sv); out.string(rule.id);
  out.put(",\"clauses\":"sv); add_list(out, rule.clauses);
  out.put(",\"outcome\":"sv); out.string(name_of(rule.outcome));
  out.put(",\"severity\":"sv); out.string(name_of(rule.severity));
  out.put(",\"message\":"sv); out.string(rule.message);
  if (!rule.advice.empty()) { out.put(",\"advice\":"sv); out.string(rule.advice); }
}

// The rest of a finding, which this verdict decides: what was assumed, and the evidence.
void add_finding_tail(JsonOut& out, const Verdict& verdict, const VerdictFinding& f, Found& found) {
  if (f.assumed) { out.put(",\"assumed\":"sv); add_list(out, names(verdict.kind, f.assumed)); }
  if (f.evidence >= 0 && static_cast<std::size_t>(f.evidence) < found.all().size()) {
    out.put(",\"evidence\":{"sv);
    found.add(out, static_cast<std::size_t>(f.evidence));
    out.put("}}"sv);
    return;
  }
  out.put('}');
}

// A duty is its head, the clauses of the rules behind it, and its tail.
void add_duty_head(JsonOut& out, const DutySpec& duty) {
  out.put("{\"action\":"sv); out.string(duty.action);
  out.put(",\"who\":"sv); out.string(duty.who);
  out.put(",\"clauses\":["sv);
}

void add_duty_clauses(JsonOut& out, const VerdictDuty& d) {
  bool first = true;
  each_duty_clause(d, [&](const std::string& c) {
    if (!first) out.put(',');
    first = false;
    out.string(c);
  });
}

void add_duty_tail(JsonOut& out, const DutySpec& duty, const Pack& pack) {
  out.put("],\"text\":"sv); out.string(describe_duty(duty, pack));
  out.put('}');
}

void add_detected(JsonOut& out, Found& found) {
  out.put(",\"detected\":["sv);
  for (std::size_t i = 0; i < found.all().size(); ++i) {
    const Finding& f = found.all()[i];
    if (i) out.put(",{"sv);
    else out.put('{');
    found.add(out, i);
    out.decimal(",\"confidence\":"sv, f.confidence);
    if (!f.detail.empty()) out.member(",\"detail\":"sv, f.detail);
    out.put('}');
  }
  out.put(']');
}

constexpr std::size_t k_outcome_count = static_cast<std::size_t>(Outcome::breach) + 1;

// `,"kind":…,"outcome":…,"findings":[`, the same for every verdict of a kind and outcome,
// so written once for each pair.
std::string_view kind_and_outcome(Kind kind, Outcome outcome) {
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

// The parts of a verdict that depend on the pack alone, written straight from it.
struct FromPack {
  const Pack& pack;
  // `"policy":…,"kind":…,"outcome":…,"findings":[`.
  void head(JsonOut& out, Kind kind, Outcome outcome) const {
    out.put("\"policy\":"sv); out.string(pack.info.id);
    out.put(kind_and_outcome(kind, outcome));
  }
  void rule(JsonOut& out, const Rule& rule) const { add_rule_head(out, rule); }
  void duty(JsonOut& out, const VerdictDuty& d) const {
    add_duty_head(out, *d.duty);
    add_duty_clauses(out, d);
    add_duty_tail(out, *d.duty, pack);
  }
};

// The whole verdict; `parts` writes what depends on the pack alone (FromPack's shape).
template <typename Parts>
void append_verdict(JsonOut& out, const Verdict& verdict, const Event& event, std::span<const Finding> findings,
                    JsonDetail detail, const Parts& parts) {
  if (!event.id.empty()) { out.member("{\"id\":"sv, event.id); out.put(','); }
  else out.put('{');
  parts.head(out, verdict.kind, verdict.outcome);
  Found found(event, findings);
  for (std::size_t i = 0; i < verdict.findings.size(); ++i) {
    if (i) out.put(',');
    parts.rule(out, *verdict.findings[i].rule);
    add_finding_tail(out, verdict, verdict.findings[i], found);
  }
  out.put("],\"duties\":["sv);
  for (std::size_t i = 0; i < verdict.duties.size(); ++i) {
    if (i) out.put(',');
    parts.duty(out, verdict.duties[i]);
  }
  out.put(']');
  if (verdict.missing) { out.put(",\"missing\":"sv); add_list(out, names(verdict.kind, verdict.missing)); }
  if (detail == JsonDetail::with_detected) add_detected(out, found);
  out.put('}');
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
  JsonOut writer(out);
  append_verdict(writer, verdict, event, findings, detail, FromPack{*verdict.pack});
}

std::string render_json(const Verdict& verdict, const Event& event, std::span<const Finding> findings,
                        JsonDetail detail) {
  std::string out;
  append_json(out, verdict, event, findings, detail);
  return out;
}

JsonRenderer::JsonRenderer(const Pack& pack) : m_pack(&pack) {
  for (std::size_t k = 0; k < static_cast<std::size_t>(k_kind_count); ++k) {
    for (std::size_t o = 0; o < k_outcome_count; ++o) {
      write_json(m_heads.emplace_back(),
            [&](JsonOut& out) { FromPack{pack}.head(out, static_cast<Kind>(k), static_cast<Outcome>(o)); });
    }
  }
  m_rules.reserve(pack.rules.size());
  std::vector<std::string_view> distinct;  // the clauses rules cite, each once
  for (const Rule& rule : pack.rules) {
    RuleParts parts{{}, {}, {}, m_duties.size()};
    write_json(parts.head, [&](JsonOut& out) { add_rule_head(out, rule); });
    for (const auto& clause : rule.clauses) {
      append_json_string(parts.clause.emplace_back(), clause);
      auto it = std::find(distinct.begin(), distinct.end(), clause);
      if (it == distinct.end()) it = distinct.insert(it, clause);
      parts.clause_id.push_back(static_cast<std::uint32_t>(it - distinct.begin()));
    }
    for (const DutySpec& duty : rule.duties) {
      DutyParts& d = m_duties.emplace_back();
      write_json(d.head, [&](JsonOut& out) { add_duty_head(out, duty); });
      write_json(d.tail, [&](JsonOut& out) { add_duty_tail(out, duty, pack); });
      write_json(d.alone, [&](JsonOut& out) { FromPack{pack}.duty(out, VerdictDuty{&duty, {&rule}}); });
    }
    m_rules.push_back(std::move(parts));
  }
}

void JsonRenderer::append(std::string& out, const Verdict& verdict, const Event& event,
                          std::span<const Finding> findings, JsonDetail detail) const {
  JsonOut writer(out);
  FromPack slow{*verdict.pack};
  if (verdict.pack != m_pack) return append_verdict(writer, verdict, event, findings, detail, slow);
  // Rules and duties point into the pack (decide's contract: a duty into the rules of
  // the first rule behind it); anything else is written the slow way.
  struct Rendered {
    const JsonRenderer& of;
    const FromPack& slow;
    void head(JsonOut& out, Kind kind, Outcome outcome) const {
      out.put(of.m_heads[static_cast<std::size_t>(kind) * k_outcome_count + static_cast<std::size_t>(outcome)]);
    }
    void rule(JsonOut& out, const Rule& rule) const {
      long at = index_in(of.m_pack->rules, &rule);
      if (at < 0) return slow.rule(out, rule);
      out.put(of.m_rules[static_cast<std::size_t>(at)].head);
    }
    void duty(JsonOut& out, const VerdictDuty& d) const {
      long at = d.from.empty() ? -1 : index_in(of.m_pack->rules, d.from.front());
      long which = at < 0 ? -1 : index_in(d.from.front()->duties, d.duty);
      // The first rule was found in the pack just now; the others, where there are any.
      bool all_in_pack = std::all_of(d.from.begin() + (at >= 0), d.from.end(),
                                     [&](const Rule* rule) { return index_in(of.m_pack->rules, rule) >= 0; });
      if (which < 0 || !all_in_pack) return slow.duty(out, d);
      const RuleParts& rule = of.m_rules[static_cast<std::size_t>(at)];
      const DutyParts& parts = of.m_duties[rule.first_duty + static_cast<std::size_t>(which)];
      if (d.from.size() == 1) return out.put(parts.alone);
      out.put(parts.head);
      // Clauses told apart by their numbers, not by comparing their texts.
      thread_local std::vector<std::uint32_t> seen;
      thread_local std::vector<const RuleParts*> from;  // the parts of each rule behind the duty
      from.clear();
      for (const Rule* r : d.from) from.push_back(&of.m_rules[static_cast<std::size_t>(index_in(of.m_pack->rules, r))]);
      bool first = true;
      each_duty_clause_at(
          d, seen, [&](std::size_t r, std::size_t c) { return from[r]->clause_id[c]; },
          [&](std::size_t r, std::size_t c) {
            if (!first) out.put(',');
            first = false;
            out.put(from[r]->clause[c]);
          });
      out.put(parts.tail);
    }
  };
  append_verdict(writer, verdict, event, findings, detail, Rendered{*this, slow});
}

}  // namespace smpolicy
