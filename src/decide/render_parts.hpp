// Private to decide: what the JSON and the text view of a verdict both read.
#pragma once

#include <algorithm>
#include <string_view>
#include <vector>

#include "decide/decide.hpp"

namespace smpolicy::render_parts {

// Calls `each(r, c)` for the clauses of every rule behind a duty, in order, each once:
// clause c of the duty's rule r, unless an earlier one had the same `key(r, c)` (the
// clause's text, or a number standing for it). `seen` is scratch for the keys met.
template <typename Key, typename KeyOf, typename Each>
void each_duty_clause_at(const VerdictDuty& duty, std::vector<Key>& seen, KeyOf key, Each each) {
  seen.clear();
  for (std::size_t r = 0; r < duty.from.size(); ++r) {
    for (std::size_t c = 0; c < duty.from[r]->clauses.size(); ++c) {
      // A duty cites a few clauses, so looking back beats building a set.
      Key k = key(r, c);
      if (std::find(seen.begin(), seen.end(), k) != seen.end()) continue;
      seen.push_back(k);
      each(r, c);
    }
  }
}

// The same, as `each(clause)`.
template <typename Each>
void each_duty_clause(const VerdictDuty& duty, Each each) {
  std::vector<std::string_view> seen;
  auto text = [&](std::size_t r, std::size_t c) { return std::string_view(duty.from[r]->clauses[c]); };
  each_duty_clause_at(duty, seen, text, [&](std::size_t r, std::size_t c) { each(duty.from[r]->clauses[c]); });
}

// The text of the field named `field` (a scanned one, or any by name), or null where the
// event's kind has no such field.
const std::string* field_text(const Event& event, std::string_view field);

// The bytes of `text` (field_text's, for the finding's field) a finding points at; empty
// when there is no text or the span runs out of it.
inline std::string_view evidence_in(const std::string* text, const Finding& finding) {
  if (!text || finding.begin > finding.end || finding.end > text->size()) return {};
  return std::string_view(*text).substr(finding.begin, finding.end - finding.begin);
}

// The text a finding points into, clipped to the field; empty when out of range.
inline std::string_view evidence_text(const Event& event, const Finding& finding) {
  return evidence_in(field_text(event, finding.field), finding);
}

}  // namespace smpolicy::render_parts
