// pipeline: one school's pack, roster, matcher and renderer, and `check`, the whole path from an
// event to its verdict. Every entry point calls this; none decides on its own.
#pragma once

#include <memory>
#include <vector>

#include "decide/decide.hpp"
#include "detect/detect.hpp"

namespace smpolicy {

struct School {
  std::unique_ptr<Pack> pack;
  std::unique_ptr<Roster> roster;  // may be null
  std::shared_ptr<const Matcher> matcher;
  // Writes this school's verdicts as JSON, the pack's fixed parts rendered once; only
  // read, so threads share it.
  std::shared_ptr<const JsonRenderer> renderer;
};

// Builds a school; compiles its matcher and renderer. `roster` may be null.
School make_school(std::unique_ptr<Pack> pack, std::unique_ptr<Roster> roster);

// The verdict and the findings it points into.
struct Checked {
  std::vector<Finding> findings;
  Verdict verdict;
};

// Detects, then decides.
Checked check(const Event& event, const School& school);

// The same into `checked`, reusing its verdict's room (a batch checks every post into one).
void check(const Event& event, const School& school, Checked& checked);

}  // namespace smpolicy
