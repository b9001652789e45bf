#include <algorithm>
#include <array>
#include <bit>

#include "decide/decide.hpp"
#include "decide/facts.hpp"
#include "decide/same_bytes.hpp"

namespace smpolicy {
namespace {

// The bit over finding_kinds() of `kind`, or 0 when it is none of them. Known kinds are
// filed by length, which few share, so a finding's kind meets a compare or two rather
// than a search through every kind.
std::uint64_t kind_bit(std::string_view kind) {
  constexpr std::size_t k_longest = 64, k_per_length = 8;
  struct Table {
    std::array<std::array<std::uint8_t, k_per_length>, k_longest> index{};
    std::array<std::uint8_t, k_longest> count{};
    bool complete = true;  // false: a kind did not fit, so every lookup searches
    std::span<const std::string_view> known;  // finding_kinds(), kept rather than asked for each finding
  };
  static const Table table = [] {
    Table t;
    auto known = t.known = finding_kinds();
    t.complete = known.size() <= 64;
    for (std::size_t k = 0; k < known.size() && t.complete; ++k) {
      std::size_t n = known[k].size();
      if (n >= k_longest || t.count[n] == k_per_length) t.complete = false;
      else t.index[n][t.count[n]++] = static_cast<std::uint8_t>(k);
    }
    return t;
  }();
  auto known = table.known;
  if (!table.complete) {
    auto it = std::find(known.begin(), known.end(), kind);
    return it == known.end() || it - known.begin() >= 64 ? 0 : std::uint64_t{1} << (it - known.begin());
  }
  if (kind.size() >= k_longest) return 0;
  for (std::size_t c = 0; c < table.count[kind.size()]; ++c) {
    std::uint8_t k = table.index[kind.size()][c];
    if (same_bytes(known[k], kind)) return std::uint64_t{1} << k;
  }
  return 0;
}

// The kinds of finding an event has: bits over finding_kinds(), all of them set when a
// finding is of a kind outside that list (stated by a caller), which no bit stands for.
struct Present {
  std::uint64_t kinds = 0;
  bool exact = true;  // false: `kinds` is every bit, for a kind outside the list
};

// Each finding's kind bit into `bits` (0 for a kind outside finding_kinds()).
Present kinds_present(std::span<const Finding> findings, std::vector<std::uint64_t>& bits) {
  bits.resize(findings.size());
  Present present;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    bits[i] = kind_bit(findings[i].kind);
    present.exact = present.exact && bits[i] != 0;
    present.kinds |= bits[i];
  }
  if (!present.exact) present.kinds = ~std::uint64_t{0};
  return present;
}

// Whether any of the lists whose slots are the bits of `lists` has an item.
bool any_filled(std::uint32_t lists, const facts::Facts& facts) {
  for (; lists; lists &= lists - 1) {
    if (!facts.slots[static_cast<std::size_t>(std::countr_zero(lists))]->list.empty()) return true;
  }
  return false;
}

// What a glance at the gate tells of a condition.
enum class Glance {
  ruled_out,  // it is false, or unknown for a rule that does not fire on unknown
  holds,      // it is true (the gate is the whole condition, or has a sufficient finding, and every part is settled)
  unsure,     // evaluate it
};

Glance glance(const ConditionGate& gate, const Present& present, const facts::Facts& facts, bool fire_when_unknown) {
  for (const auto& needs : gate.needs) {
    if (!needs.any()) break;
    if ((needs.findings & present.kinds) || (needs.lists && any_filled(needs.lists, facts))) continue;
    return Glance::ruled_out;
  }
  if (present.exact && (gate.forbids_findings & present.kinds)) return Glance::ruled_out;
  bool settled = (gate.complete || (gate.sufficient & present.kinds)) && present.exact;
  for (const FieldGate& field : gate.fields) {
    if (field.slot < 0) break;
    const Value& v = *facts.slots[static_cast<std::size_t>(field.slot)];
    if (v.missing()) {
      if (!fire_when_unknown) return Glance::ruled_out;
      settled = false;
      continue;
    }
    // A choice's index is -1 for a value outside its choices, which no `is` matches.
    int code = field.boolean ? int{v.boolean} : v.choice;
    if (code < 0 || code >= 64 || !(field.allowed >> code & 1)) return Glance::ruled_out;
  }
  return settled ? Glance::holds : Glance::unsure;
}

// The evidence of a condition the gate settles: the first finding under its first
// "includes" (or its sufficient kinds), as evaluating it would give.
int first_under(std::uint64_t kinds, const facts::Facts& facts) {
  if (!kinds) return -1;
  for (std::size_t i = 0; i < facts.finding_bits.size(); ++i) {
    if (facts.finding_bits[i] & kinds) return static_cast<int>(i);
  }
  return -1;
}

// Visits rule `compiled` of a pass and records it if it fires. A rule whose condition
// the gate rules out (a field it tests is of the wrong value: the post is on the other
// sort of account) is passed over unevaluated, and one whose whole condition the gate
// settles is not evaluated either.
void visit(const CompiledRule& compiled, const facts::Facts& facts, const Present& present, Verdict& verdict) {
  const Rule& rule = *compiled.rule;
  Glance seen = glance(compiled.when.gate, present, facts, rule.fire_when_unknown);
  if (seen == Glance::ruled_out) return;
  if (seen == Glance::holds) {
    const ConditionGate& gate = compiled.when.gate;
    verdict.findings.push_back(VerdictFinding{&rule, 0, first_under(gate.complete ? gate.needs[0].findings : gate.sufficient, facts)});
    return;
  }
  auto e = facts::evaluate(compiled.when, facts);
  bool fires = e.result == facts::Tri::yes || (e.result == facts::Tri::unknown && rule.fire_when_unknown);
  if (!fires) return;
  std::uint64_t assumed = e.result == facts::Tri::unknown ? e.missing : 0;
  verdict.findings.push_back(VerdictFinding{&rule, assumed, e.evidence});
  verdict.missing |= assumed;
}

// Where the value of the group's most gated field fails some rules' gates, the word at
// which their mask starts in `group.failing`; otherwise (no such field, a value missing,
// or a code no mask has) -1, and glance reads the field for each rule.
long failing_at(const RuleGroup& group, const facts::Facts& facts) {
  if (group.gated_slot < 0) return -1;
  const Value& v = *facts.slots[static_cast<std::size_t>(group.gated_slot)];
  if (v.missing()) return -1;
  int code = group.gated_boolean ? int{v.boolean} : v.choice;
  if (code < 0 || code >= 64) return -1;
  return static_cast<long>(static_cast<std::size_t>(code) * group.words);
}

// Applies the rules of one pass, in the pack's order. Most rules need a finding of some
// kind the event lacks (most posts have a finding or two), or test a field ("account is
// personal") the event's value of which fails, or one the event lacks ("period is
// work_time" of a post with no time): the group's masks pick out the others, those
// needing no finding and those needing one the event has, less those the field's value
// or the other's absence rules out, without a look at any rule passed over.
void apply(const RuleGroup& group, const facts::Facts& facts, const Present& present, Verdict& verdict) {
  long failing = failing_at(group, facts);
  bool absent = group.absent_slot >= 0 && facts.slots[static_cast<std::size_t>(group.absent_slot)]->missing();
  for (std::size_t w = 0; w < group.words; ++w) {
    std::uint64_t visiting = group.without[w];
    if (!present.exact) visiting = ~std::uint64_t{0};  // every rule, as every bit is present
    for (std::uint64_t kinds = present.exact ? present.kinds : 0; kinds; kinds &= kinds - 1) {
      visiting |= group.needing[static_cast<std::size_t>(std::countr_zero(kinds)) * group.words + w];
    }
    std::size_t count = std::min<std::size_t>(64, group.rules.size() - 64 * w);
    if (count < 64) visiting &= (std::uint64_t{1} << count) - 1;
    if (failing >= 0) visiting &= ~group.failing[static_cast<std::size_t>(failing) + w];
    if (absent) visiting &= ~group.failing_absent[w];
    for (; visiting; visiting &= visiting - 1) {
      visit(*group.rules[64 * w + static_cast<std::size_t>(std::countr_zero(visiting))], facts, present, verdict);
    }
  }
}

// Duties a verdict of this thread let go, kept with their lists' room: a verdict reused
// from post to post holds none, one or two, and each new one would otherwise allocate
// its list of rules afresh.
thread_local std::vector<VerdictDuty> t_spare_duties;

// A duty for `verdict` of `duty` from `rule`, in a spare's room where there is one.
void add_duty(Verdict& verdict, const DutySpec& duty, const Rule* rule) {
  if (t_spare_duties.empty()) return verdict.duties.push_back(VerdictDuty{&duty, {rule}});
  VerdictDuty& added = verdict.duties.emplace_back(std::move(t_spare_duties.back()));
  t_spare_duties.pop_back();
  added.duty = &duty;
  added.from.assign(1, rule);
}

// Merges the findings' duties into `verdict.duties`. The duties it held before (a verdict
// decided again) are written over in place, so their lists of rules keep their room, and
// those left over are kept as spares.
void collect_duties(Verdict& verdict) {
  // Room for every duty at once, rather than growing (and moving each) 1, 2, 4.
  std::size_t most = 0;
  for (const auto& finding : verdict.findings) most += finding.rule->duties.size();
  verdict.duties.reserve(most);
  std::size_t used = 0;
  for (const auto& finding : verdict.findings) {
    for (const auto& duty : finding.rule->duties) {
      auto same = [&](const VerdictDuty& d) { return same_bytes(d.duty->action, duty.action) && same_bytes(d.duty->who, duty.who); };
      auto end = verdict.duties.begin() + static_cast<long>(used);
      auto it = std::find_if(verdict.duties.begin(), end, same);
      if (it != end) {
        it->from.push_back(finding.rule);
      } else if (used < verdict.duties.size()) {
        verdict.duties[used].duty = &duty;
        verdict.duties[used].from.assign(1, finding.rule);
        ++used;
      } else {
        add_duty(verdict, duty, finding.rule);
        ++used;
      }
    }
  }
  for (std::size_t i = used; i < verdict.duties.size(); ++i) t_spare_duties.push_back(std::move(verdict.duties[i]));
  verdict.duties.resize(used);
}

}  // namespace

Verdict decide(const Event& event, std::span<const Finding> findings, const Pack& pack, const Roster* roster) {
  Verdict verdict;
  decide(event, findings, pack, roster, verdict);
  return verdict;
}

void decide(const Event& event, std::span<const Finding> findings, const Pack& pack, const Roster* roster,
            Verdict& verdict) {
  // One a thread, reused: its dozen values are cleared as derive takes them, rather than
  // every one built and freed for every event.
  thread_local facts::Facts facts;
  facts::derive(facts, event, findings, pack, roster);
  verdict.findings.clear();
  verdict.findings.reserve(8);  // once, rather than growing 1, 2, 4
  verdict.pack = &pack;
  verdict.kind = event.kind;
  verdict.outcome = Outcome::allow;
  verdict.missing = 0;
  const auto& groups = pack.groups[static_cast<std::size_t>(event.kind)];
  // Scratch each thread reuses from event to event.
  thread_local std::vector<std::uint64_t> bits;
  Present present = kinds_present(findings, bits);
  facts.finding_bits = bits;
  // Fallbacks speak only when no rule did, and a fallback for this kind of event is
  // more fitting than one for any event.
  for (const RuleGroup& group : groups) {
    if (!verdict.findings.empty()) break;
    apply(group, facts, present, verdict);
  }
  // Most serious first: by outcome, then severity; ties keep the pack's order. A verdict
  // holds a few findings, so an insertion sort (stable) beats a merge sort's buffer.
  auto& found = verdict.findings;
  auto before = [](const VerdictFinding& a, const VerdictFinding& b) {
    if (a.rule->outcome != b.rule->outcome) return a.rule->outcome > b.rule->outcome;
    return a.rule->severity > b.rule->severity;
  };
  for (std::size_t i = 1; i < found.size(); ++i) {
    for (std::size_t j = i; j > 0 && before(found[j], found[j - 1]); --j) std::swap(found[j], found[j - 1]);
  }
  if (!verdict.findings.empty()) verdict.outcome = verdict.findings.front().rule->outcome;
  collect_duties(verdict);
}

std::vector<std::string_view> field_names(Kind kind, std::uint64_t mask) {
  std::vector<std::string_view> names;
  const auto& spec = spec_of(kind);
  for (std::size_t i = 0; i < spec.fields.size(); ++i) {
    if (mask & (std::uint64_t{1} << i)) names.push_back(spec.fields[i].name);
  }
  return names;
}

}  // namespace smpolicy
