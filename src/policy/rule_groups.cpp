// A pack's compiled rules grouped for decide (RuleGroup): by pass, and within a pass by
// the finding kinds each rule's condition needs.
#include <array>

#include "policy/policy.hpp"

namespace smpolicy {
namespace {

constexpr std::uint32_t k_all_kinds = (1u << k_kind_count) - 1;

RulePass pass_of(const Rule& rule) {
  if (!rule.fallback) return RulePass::rules;
  return rule.kinds == k_all_kinds ? RulePass::any_fallbacks : RulePass::kind_fallbacks;
}

void set_bit(std::vector<std::uint64_t>& mask, std::size_t at, std::size_t p) {
  mask[at + p / 64] |= std::uint64_t{1} << (p % 64);
}

// The slot gated by the most rules of `group` (FieldGate), each of whose gates reads it
// alike, or -1 when no rule has a gate.
int most_gated(const RuleGroup& group) {
  std::array<int, 64> count{};
  std::array<int, 64> boolean{};  // per slot: 1 read as a boolean, 2 as a choice, 3 both
  for (const CompiledRule* compiled : group.rules) {
    for (const FieldGate& field : compiled->when.gate.fields) {
      if (field.slot < 0 || field.slot >= 64) continue;
      ++count[static_cast<std::size_t>(field.slot)];
      boolean[static_cast<std::size_t>(field.slot)] |= field.boolean ? 1 : 2;
    }
  }
  int best = -1;
  for (std::size_t slot = 0; slot < count.size(); ++slot) {
    if (count[slot] == 0 || boolean[slot] == 3) continue;
    if (best < 0 || count[slot] > count[static_cast<std::size_t>(best)]) best = static_cast<int>(slot);
  }
  return best;
}

void gate_by_field(RuleGroup& group) {
  group.gated_slot = most_gated(group);
  group.failing.assign(group.gated_slot < 0 ? 0 : 64 * group.words, 0);
  for (std::size_t p = 0; p < group.rules.size(); ++p) {
    for (const FieldGate& field : group.rules[p]->when.gate.fields) {
      if (field.slot < 0 || field.slot != group.gated_slot) continue;
      group.gated_boolean = field.boolean;
      for (std::size_t code = 0; code < 64; ++code) {
        if (!(field.allowed >> code & 1)) set_bit(group.failing, code * group.words, p);
      }
    }
  }
}

// Whether `compiled`'s gate rules it out when the field in `slot` is missing: it tests
// the field (among the gates decide's glance reads, up to the first unset) and the rule
// does not fire on unknown.
bool absence_fails(const CompiledRule& compiled, int slot) {
  if (compiled.rule->fire_when_unknown) return false;
  for (const FieldGate& field : compiled.when.gate.fields) {
    if (field.slot < 0) break;
    if (field.slot == slot) return true;
  }
  return false;
}

void gate_by_absence(RuleGroup& group, const KindSpec& spec) {
  int best = -1;
  std::size_t best_count = 0;
  for (std::size_t slot = 0; slot < spec.fields.size(); ++slot) {
    if (spec.fields[slot].required) continue;  // never absent from an event read
    std::size_t count = 0;
    for (const CompiledRule* compiled : group.rules) count += absence_fails(*compiled, static_cast<int>(slot));
    if (count > best_count) {
      best = static_cast<int>(slot);
      best_count = count;
    }
  }
  group.absent_slot = best;
  group.failing_absent.assign(best < 0 ? 0 : group.words, 0);
  for (std::size_t p = 0; p < group.rules.size() && best >= 0; ++p) {
    if (absence_fails(*group.rules[p], best)) set_bit(group.failing_absent, 0, p);
  }
}

}  // namespace

void group_rules(Pack& pack) {
  for (std::size_t k = 0; k < pack.by_kind.size(); ++k) {
    auto& groups = pack.groups[k];
    for (auto& group : groups) group = RuleGroup{};
    for (const CompiledRule& compiled : pack.by_kind[k]) {
      groups[static_cast<std::size_t>(pass_of(*compiled.rule))].rules.push_back(&compiled);
    }
    for (auto& group : groups) {
      group.words = (group.rules.size() + 63) / 64;
      group.without.assign(group.words, 0);
      group.needing.assign(64 * group.words, 0);
      for (std::size_t p = 0; p < group.rules.size(); ++p) {
        std::uint64_t needs = group.rules[p]->when.needs_findings;
        if (!needs) set_bit(group.without, 0, p);
        for (std::size_t b = 0; b < 64; ++b) {
          if (needs >> b & 1) set_bit(group.needing, b * group.words, p);
        }
      }
      gate_by_field(group);
      gate_by_absence(group, spec_of(static_cast<Kind>(k)));
    }
  }
}

}  // namespace smpolicy
