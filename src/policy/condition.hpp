// Private to policy: the condition language of docs/packs.md.
#pragma once

#include <expected>
#include <span>
#include <string>
#include <string_view>

#include "policy/policy.hpp"

namespace smpolicy::condition {

struct ParseError {
  std::size_t offset = 0;  // byte offset into the condition text
  std::string message;
};

// Compiles `text` for events of `kind`. `categories` are the known site categories, so a
// misspelt category is an error rather than a rule that never fires.
std::expected<Condition, ParseError> compile(std::string_view text, Kind kind,
                                             std::span<const std::string> categories);

// What the root conjunction of `condition` demands (its tests' `kinds` worked out).
ConditionGate gate_of(const Condition& condition);

}  // namespace smpolicy::condition
