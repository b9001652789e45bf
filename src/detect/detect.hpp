// detect: text -> findings. A Matcher is compiled once per school from the pack (school
// names, e-mail domains), the roster (people's names) and the term lists, then reused
// for every event; rebuild it when the roster changes.
#pragma once

#include <memory>
#include <vector>

#include "core/core.hpp"
#include "event/event.hpp"
#include "policy/policy.hpp"

namespace smpolicy {

class Matcher;

// Compiles the matcher for one school. `roster` may be null.
std::shared_ptr<const Matcher> compile_matcher(const Pack& pack, const Roster* roster);

// Every finding in the event's scanned text fields, in field order then span order.
// Spans are byte offsets into the original text of the field named by Finding::field.
std::vector<Finding> detect(const Event& event, const Matcher& matcher);

// The same over one piece of text, as field `field`.
std::vector<Finding> detect_text(std::string_view text, std::string_view field, const Matcher& matcher);

}  // namespace smpolicy
