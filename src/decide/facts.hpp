// Private to decide: what the rules read. The event's own fields plus the derived ones
// (period, category, pictured.*...), each addressed by its slot in the kind's schema.
#pragma once

#include <array>
#include <cassert>
#include <span>

#include "decide/decide.hpp"

namespace smpolicy::facts {

inline constexpr std::size_t k_max_fields = 32;

struct Facts {
  Kind kind = Kind::post;
  std::array<const Value*, k_max_fields> slots{};
  std::array<Value, 12> local;  // storage for input fields derive fills in (a default)
  std::size_t local_used = 0;
  // Derive's values of the kind's derived fields, which no input sets, by slot: their
  // slots point here for as long as this Facts reads the same fields of the same kind,
  // so that an event clears each (fresh) rather than pointing its slot here and back.
  std::array<Value, k_max_fields> derived;
  std::span<const Finding> findings;
  // Per finding, its kind's bit over finding_kinds(), or 0 for a kind not in that list.
  std::span<const std::uint64_t> finding_bits;
  // The event fields `slots` were last pointed at, of which kind, and the slots `own`
  // took over since, so that the next event read from the same fields (a batch reuses
  // one event) needs only those pointed back.
  const Value* fields = nullptr;
  std::size_t field_count = 0;
  Kind fields_kind = Kind::post;
  std::array<int, std::tuple_size_v<decltype(local)>> owned{};  // by index in `local`

  // A fresh value for `slot`, an input field's. The storage is kept from event to event
  // (a thread's Facts is reused), so the value is cleared here, keeping its string's and
  // list's room. The slot is taken over before the value is cleared: clearing the string
  // stores a char, after which the compiler would read this Facts' members again.
  Value& own(int slot) {
    std::size_t k = local_used++;
    Value& v = local[k];
    owned[k] = slot;
    slots[static_cast<std::size_t>(slot)] = &v;
    return clear(v);
  }

  // A fresh value for `slot`, a derived field's, whose slot points at it already.
  Value& fresh(int slot) {
    assert(slots[static_cast<std::size_t>(slot)] == &derived[static_cast<std::size_t>(slot)]);
    return clear(derived[static_cast<std::size_t>(slot)]);
  }

  // `v` as a missing value, its string's and list's room kept.
  static Value& clear(Value& v) {
    v.type = Value::Type::missing;
    v.boolean = false;
    v.choice = -1;
    v.number = 0;
    v.text.clear();
    v.list.clear();
    return v;
  }
};

// Fills `facts` from the event, deriving what the pack and roster tell.
void derive(Facts& facts, const Event& event, std::span<const Finding> findings, const Pack& pack,
            const Roster* roster);

enum class Tri : std::uint8_t { no, yes, unknown };

struct Evaluation {
  Tri result = Tri::no;
  std::uint64_t missing = 0;  // fields whose absence left a test unknown
  int evidence = -1;          // first detector finding that satisfied an `includes`
};

Evaluation evaluate(const Condition& condition, const Facts& facts);

}  // namespace smpolicy::facts
