#include "pipeline/pipeline.hpp"

namespace smpolicy {

School make_school(std::unique_ptr<Pack> pack, std::unique_ptr<Roster> roster) {
  School school{std::move(pack), std::move(roster), nullptr, nullptr};
  school.matcher = compile_matcher(*school.pack, school.roster.get());
  school.renderer = std::make_shared<const JsonRenderer>(*school.pack);
  return school;
}

Checked check(const Event& event, const School& school) {
  Checked out;
  check(event, school, out);
  return out;
}

void check(const Event& event, const School& school, Checked& checked) {
  detect(event, *school.matcher, checked.findings);
  decide(event, checked.findings, *school.pack, school.roster.get(), checked.verdict);
}

}  // namespace smpolicy
