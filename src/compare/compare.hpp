// compare: what one pack permits that another forbids. Both packs decide the same
// scenarios (data/scenarios.jsonl: everyday questions grouped by topic), through the one
// decision core, and the answers are set side by side.
#pragma once

#include <expected>
#include <string>
#include <vector>

#include "core/core.hpp"
#include "policy/policy.hpp"

namespace smpolicy {

struct Answer {
  Outcome outcome = Outcome::allow;
  std::vector<std::string> clauses;  // cited by the findings that set the outcome
  std::string message;               // the most serious finding's message
};

struct ComparisonRow {
  std::string topic, question;
  Answer a, b;
  bool differs() const { return a.outcome != b.outcome; }
};

struct Comparison {
  std::string a_id, b_id;
  std::vector<ComparisonRow> rows;
};

// Fails only when the embedded scenarios are unreadable (a bug).
std::expected<Comparison, Error> compare_packs(const Pack& a, const Pack& b);

// A table by topic, rows that differ marked; or JSON.
std::string render_comparison(const Comparison& comparison, Format format);

}  // namespace smpolicy
