// store (private): how records are written as text, shared by every back end.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smpolicy::store {

// "Salterlee Primary School" -> "salterlee-primary-school": lowercase ASCII letters and
// digits, runs of anything else as one '-'. "school" when nothing is left.
std::string school_slug(std::string_view name);

// A flat JSON object of string fields, in the order given: {"name":"...","pack":"..."}.
std::string json_object(
    std::initializer_list<std::pair<std::string_view, std::string_view>> fields);

// A list as one column: "print;social", and back. Empty is no items. Used for photo-consent
// channels, account custodians and user roles.
std::string join_list(const std::vector<std::string>& items);
std::vector<std::string> split_list(const std::string& text);

}  // namespace smpolicy::store
