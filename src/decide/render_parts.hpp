// Private to decide: what the JSON and the text view of a verdict both read.
#pragma once

#include <algorithm>
#include <string_view>

#include "decide/decide.hpp"

namespace smpolicy::render_parts {

// Calls `each(r, c)` for the clauses of every rule behind a duty, each once, in order:
// clause c of the duty's rule r.
template <typename Each>
void each_duty_clause_at(const VerdictDuty& duty, Each each) {
  for (std::size_t r = 0; r < duty.from.size(); ++r) {
    const auto& clauses = duty.from[r]->clauses;
    for (std::size_t c = 0; c < clauses.size(); ++c) {
      // Rules cite a clause or two, so looking back beats building a set.
      bool seen = std::find(clauses.begin(), clauses.begin() + static_cast<long>(c), clauses[c]) != clauses.begin() + static_cast<long>(c);
      for (std::size_t earlier = 0; earlier < r && !seen; ++earlier) {
        const auto& before = duty.from[earlier]->clauses;
        seen = std::find(before.begin(), before.end(), clauses[c]) != before.end();
      }
      if (!seen) each(r, c);
    }
  }
}

// The same, as `each(clause)`.
template <typename Each>
void each_duty_clause(const VerdictDuty& duty, Each each) {
  each_duty_clause_at(duty, [&](std::size_t r, std::size_t c) { each(duty.from[r]->clauses[c]); });
}

// The text a finding points into, clipped to the field; empty when out of range.
std::string_view evidence_text(const Event& event, const Finding& finding);

}  // namespace smpolicy::render_parts
