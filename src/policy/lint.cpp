#include <set>

#include "policy/policy.hpp"

namespace smpolicy {

Coverage coverage_of(const Pack& pack) {
  std::set<std::string> cited;
  for (const auto& rule : pack.rules) cited.insert(rule.clauses.begin(), rule.clauses.end());
  Coverage c;
  for (const auto& clause : pack.clauses) {
    ++c.total;
    if (clause.informational) ++c.informational;
    if (cited.contains(clause.id)) ++c.with_rules;
    if (!clause.informational && !cited.contains(clause.id)) c.uncovered.push_back(clause.id);
  }
  return c;
}

std::vector<std::string> lint(const Pack& pack) {
  std::vector<std::string> warnings;
  auto at = [&](int line, const std::string& message) {
    warnings.push_back(pack.origin + ":" + std::to_string(line) + ": " + message);
  };
  std::set<std::string> cited_by_non_fallback;
  for (const auto& rule : pack.rules) {
    if (!rule.fallback) cited_by_non_fallback.insert(rule.clauses.begin(), rule.clauses.end());
  }
  std::set<std::string> cited;
  for (const auto& rule : pack.rules) cited.insert(rule.clauses.begin(), rule.clauses.end());
  for (const auto& clause : pack.clauses) {
    if (!clause.informational && !cited.contains(clause.id)) {
      at(clause.line, "clause " + clause.id + " obliges someone but no rule cites it (add a rule, or mark it informational)");
    }
    if (clause.says.size() > 240) at(clause.line, "clause " + clause.id + ": 'says' is long; state it in one short sentence");
  }
  for (const auto& rule : pack.rules) {
    if (rule.advice.empty() && rule.outcome != Outcome::allow) {
      at(rule.line, "rule " + rule.id + " has no advice: say what to do instead");
    }
    if (rule.fallback && rule.outcome > Outcome::advise) {
      at(rule.line, "fallback rule " + rule.id + " is " + std::string(name_of(rule.outcome)) +
                        ": a fallback fires when nothing else did, so it is normally allow");
    }
  }
  return warnings;
}

}  // namespace smpolicy
