// The gate of a condition: the tests of its root conjunction that decide can check at a
// glance, before evaluating the whole.
#include <algorithm>
#include <vector>

#include "policy/condition.hpp"

namespace smpolicy::condition {
namespace {

// The values a choice or boolean test accepts, as bits (see FieldGate); 0 when the test
// is not one a gate can stand for.
std::uint64_t allowed_by(const Test& test) {
  using Op = Test::Op;
  if (test.type == FieldType::boolean && (test.op == Op::is || test.op == Op::is_not) && !test.values.empty()) {
    bool want = test.values[0].boolean != (test.op == Op::is_not);
    return std::uint64_t{1} << (want ? 1 : 0);
  }
  // Not `is not` for a choice: a given value outside the choices (index -1) passes that.
  if (test.type != FieldType::choice || (test.op != Op::is && test.op != Op::one_of)) return 0;
  std::uint64_t allowed = 0;
  for (const auto& lit : test.values) {
    if (lit.choice < 0 || lit.choice >= 64) return 0;
    allowed |= std::uint64_t{1} << lit.choice;
  }
  return allowed;
}

using Needs = ConditionGate::Needs;

// What node `index` needs to be true (see ConditionGate::Needs); nothing when it may be
// true without any finding or list in particular. An "includes" test needs what it names
// (a list that includes something is not empty); "and" needs what either side needs; "or"
// needs what one side or the other needs.
Needs needs_of(const Condition& c, int index) {
  const ConditionNode& n = c.nodes[static_cast<std::size_t>(index)];
  switch (n.type) {
    case ConditionNode::Type::test: {
      const Test& test = n.test;
      if (test.op != Test::Op::includes_any) return {};
      if (test.type == FieldType::findings) return Needs{test.kinds, 0};
      bool list = test.type == FieldType::list && test.slot >= 0 && test.slot < 32;
      return list ? Needs{0, std::uint32_t{1} << test.slot} : Needs{};
    }
    case ConditionNode::Type::all: {
      Needs left = needs_of(c, n.left);
      return left.any() ? left : needs_of(c, n.right);
    }
    case ConditionNode::Type::any: {
      Needs left = needs_of(c, n.left), right = needs_of(c, n.right);
      if (!left.any() || !right.any()) return {};
      return Needs{left.findings | right.findings, left.lists | right.lists};
    }
    default: return {};
  }
}

// The parts of the conjunction at `index`, in the order evaluate meets them.
void parts_of(const Condition& c, int index, std::vector<int>& parts) {
  const ConditionNode& n = c.nodes[static_cast<std::size_t>(index)];
  if (n.type != ConditionNode::Type::all) return parts.push_back(index);
  parts_of(c, n.left, parts);
  parts_of(c, n.right, parts);
}

// Adds part `index` of the root conjunction to `gate`; returns whether the gate holds it
// whole (ConditionGate::complete).
bool add_part(const Condition& c, int index, ConditionGate& gate) {
  const ConditionNode& n = c.nodes[static_cast<std::size_t>(index)];
  if (n.type == ConditionNode::Type::always) return true;
  bool whole = false;
  Needs needs = needs_of(c, index);
  if (needs.any()) {
    auto free = std::find_if(gate.needs.begin(), gate.needs.end(), [](const Needs& k) { return !k.any(); });
    if (free != gate.needs.end()) *free = needs;
    // A need held whole is one findings test's kinds, not an "or" of several nor a list.
    whole = free != gate.needs.end() && n.type == ConditionNode::Type::test && n.test.type == FieldType::findings;
  }
  if (n.type != ConditionNode::Type::test) return false;
  const Test& test = n.test;
  if (test.type == FieldType::findings) {
    if (test.op != Test::Op::includes_none) return whole;
    gate.forbids_findings |= test.kinds;
    return test.kinds != 0;
  }
  std::uint64_t allowed = allowed_by(test);
  if (!allowed) return false;
  auto free = std::find_if(gate.fields.begin(), gate.fields.end(), [](const FieldGate& g) { return g.slot < 0; });
  if (free == gate.fields.end()) return false;
  *free = FieldGate{test.slot, test.type == FieldType::boolean, allowed};
  return true;
}

// The kinds of the findings test an "or" at `index` tries first (its left part, down
// through the "or"s there), which is true, and so the "or", when a finding of them is
// there; 0 where that part is not such a test.
std::uint64_t tried_first(const Condition& c, int index) {
  const ConditionNode& n = c.nodes[static_cast<std::size_t>(index)];
  if (n.type == ConditionNode::Type::any) return tried_first(c, n.left);
  bool includes = n.type == ConditionNode::Type::test && n.test.type == FieldType::findings &&
                  n.test.op == Test::Op::includes_any;
  return includes ? n.test.kinds : 0;
}

}  // namespace

ConditionGate gate_of(const Condition& condition) {
  ConditionGate gate;
  if (condition.nodes.empty()) return gate;
  std::vector<int> parts;
  parts_of(condition, 0, parts);
  std::vector<int> open;  // the parts the gate does not hold whole
  bool tests_findings = false;
  for (int part : parts) {
    if (!add_part(condition, part, gate)) open.push_back(part);
    const ConditionNode& n = condition.nodes[static_cast<std::size_t>(part)];
    tests_findings = tests_findings || (n.type == ConditionNode::Type::test && n.test.type == FieldType::findings);
  }
  gate.complete = open.empty();
  // One "or" beside field tests: no other part could name the evidence first.
  bool one_or = open.size() == 1 && condition.nodes[static_cast<std::size_t>(open[0])].type == ConditionNode::Type::any;
  if (one_or && !tests_findings) gate.sufficient = tried_first(condition, open[0]);
  return gate;
}

}  // namespace smpolicy::condition
