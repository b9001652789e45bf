#include <algorithm>
#include <cctype>

#include "decide/facts.hpp"

namespace smpolicy::facts {
namespace {

bool same_text(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool equals(const Test& test, const Value& value, const Literal& lit) {
  switch (test.type) {
    case FieldType::choice: return value.choice == lit.choice;
    case FieldType::boolean: return value.boolean == lit.boolean;
    case FieldType::number: return value.number == lit.number;
    default: return same_text(value.text, lit.text);
  }
}

Tri of(bool b) { return b ? Tri::yes : Tri::no; }

// Whether `kind` lies under any of the test's values.
bool under_any(std::string_view kind, const Test& test) {
  for (const auto& lit : test.values) {
    // The first letter rules most pairs out before the call.
    if (!lit.text.empty() && !kind.empty() && kind[0] != lit.text[0]) continue;
    if (kind_under(kind, lit.text)) return true;
  }
  return false;
}

struct Evaluator {
  const Condition& condition;
  const Facts& facts;
  Evaluation out;

  Tri includes(const Test& test, const Value& value) {
    if (test.type == FieldType::findings) {
      for (std::size_t i = 0; i < facts.findings.size(); ++i) {
        // A known kind is tested against the test's kinds at once; a kind stated by a
        // caller outside finding_kinds(), or a test without its kinds, by the words.
        std::uint64_t bit = i < facts.finding_bits.size() ? facts.finding_bits[i] : 0;
        bool hit = bit && test.kinds ? (bit & test.kinds) != 0 : under_any(facts.findings[i].kind, test);
        if (hit) {
          if (out.evidence < 0) out.evidence = static_cast<int>(i);
          return Tri::yes;
        }
      }
      return Tri::no;
    }
    for (const auto& item : value.list) {
      for (const auto& lit : test.values) {
        if (same_text(item, lit.text) || kind_under(item, lit.text)) return Tri::yes;
      }
    }
    return Tri::no;
  }

  Tri test(const Test& test) {
    using Op = Test::Op;
    const Value* value = facts.slots[static_cast<std::size_t>(test.slot)];
    if (test.op == Op::includes_any) return includes(test, *value);
    if (test.op == Op::includes_none) return includes(test, *value) == Tri::yes ? Tri::no : Tri::yes;
    if (test.op == Op::missing) return of(value->missing());
    if (test.op == Op::given) return of(!value->missing());
    if (value->missing()) {
      out.missing |= std::uint64_t{1} << test.slot;
      return Tri::unknown;
    }
    const auto& values = test.values;
    switch (test.op) {
      case Op::is: return of(equals(test, *value, values[0]));
      case Op::is_not: return of(!equals(test, *value, values[0]));
      case Op::one_of:
        return of(std::any_of(values.begin(), values.end(), [&](const Literal& l) { return equals(test, *value, l); }));
      case Op::not_one_of:
        return of(std::none_of(values.begin(), values.end(), [&](const Literal& l) { return equals(test, *value, l); }));
      case Op::lt: return of(value->number < values[0].number);
      case Op::le: return of(value->number <= values[0].number);
      case Op::gt: return of(value->number > values[0].number);
      case Op::ge: return of(value->number >= values[0].number);
      default: return Tri::no;
    }
  }

  // Kleene's three-valued logic: unknown only where the answer depends on it.
  Tri node(int index) {
    const ConditionNode& n = condition.nodes[static_cast<std::size_t>(index)];
    switch (n.type) {
      case ConditionNode::Type::always: return Tri::yes;
      case ConditionNode::Type::test: return test(n.test);
      case ConditionNode::Type::negate: {
        Tri inner = node(n.left);
        return inner == Tri::unknown ? inner : of(inner == Tri::no);
      }
      case ConditionNode::Type::all: {
        Tri left = node(n.left);
        if (left == Tri::no) return Tri::no;
        Tri right = node(n.right);
        if (right == Tri::no) return Tri::no;
        return left == Tri::yes && right == Tri::yes ? Tri::yes : Tri::unknown;
      }
      case ConditionNode::Type::any: {
        Tri left = node(n.left);
        if (left == Tri::yes) return Tri::yes;
        Tri right = node(n.right);
        if (right == Tri::yes) return Tri::yes;
        return left == Tri::no && right == Tri::no ? Tri::no : Tri::unknown;
      }
    }
    return Tri::no;
  }
};

}  // namespace

Evaluation evaluate(const Condition& condition, const Facts& facts) {
  Evaluator e{condition, facts, {}};
  e.out.result = e.node(0);
  return e.out;
}

}  // namespace smpolicy::facts
