#include <array>

#include "core/core.hpp"

namespace smpolicy {
namespace {
constexpr std::array<std::string_view, 4> k_outcomes = {"allow", "advise", "needs_permission",
                                                        "breach"};
constexpr std::array<std::string_view, 4> k_severities = {"info", "minor", "serious", "gross"};
constexpr std::array<std::string_view, 4> k_roles = {"pupil", "staff", "parent", "governor"};
}  // namespace

std::string_view name_of(Outcome outcome) { return k_outcomes[static_cast<int>(outcome)]; }
std::string_view name_of(Severity severity) { return k_severities[static_cast<int>(severity)]; }
std::string_view name_of(Role role) { return k_roles[static_cast<int>(role)]; }

std::optional<Outcome> parse_outcome(std::string_view text) {
  for (std::size_t i = 0; i < k_outcomes.size(); ++i) {
    if (k_outcomes[i] == text) return static_cast<Outcome>(i);
  }
  return std::nullopt;
}

std::optional<Severity> parse_severity(std::string_view text) {
  for (std::size_t i = 0; i < k_severities.size(); ++i) {
    if (k_severities[i] == text) return static_cast<Severity>(i);
  }
  return std::nullopt;
}

}  // namespace smpolicy
