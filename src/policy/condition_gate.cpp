// The gate of a condition: the tests of its root conjunction that decide can check at a
// glance, before evaluating the whole.
#include <algorithm>

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

void add_part(const Condition& c, int index, ConditionGate& gate) {
  const ConditionNode& n = c.nodes[static_cast<std::size_t>(index)];
  if (n.type == ConditionNode::Type::all) {
    add_part(c, n.left, gate);
    add_part(c, n.right, gate);
    return;
  }
  if (n.type != ConditionNode::Type::test) return;
  const Test& test = n.test;
  if (test.type == FieldType::findings) {
    if (test.op == Test::Op::includes_none) gate.forbids_findings |= test.kinds;
    if (test.op != Test::Op::includes_any || !test.kinds) return;
    auto free = std::find(gate.needs_findings.begin(), gate.needs_findings.end(), 0u);
    if (free != gate.needs_findings.end()) *free = test.kinds;
    return;
  }
  std::uint64_t allowed = allowed_by(test);
  if (!allowed) return;
  auto free = std::find_if(gate.fields.begin(), gate.fields.end(), [](const FieldGate& g) { return g.slot < 0; });
  if (free != gate.fields.end()) *free = FieldGate{test.slot, allowed};
}

}  // namespace

ConditionGate gate_of(const Condition& condition) {
  ConditionGate gate;
  if (!condition.nodes.empty()) add_part(condition, 0, gate);
  return gate;
}

}  // namespace smpolicy::condition
