// Private to policy: TOML documents as a plain tree of our own, with the line and column
// of every value, so the rest of the module never sees toml++ types.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/core.hpp"

namespace smpolicy::toml_tree {

struct Member;

struct Node {
  enum class Type : std::uint8_t { table, array, string, integer, floating, boolean, date, other };
  Type type = Type::other;
  std::string text;      // strings; dates as YYYY-MM-DD
  std::int64_t integer = 0;
  double floating = 0;
  bool boolean = false;
  std::vector<Member> table;  // in key order
  std::vector<Node> array;
  int line = 0, column = 0;

  const Node* find(std::string_view key) const;
  std::string_view type_name() const;
};

// One key of a table; `first`/`second` as in a map, so loops read the same.
struct Member {
  std::string first;
  Node second;
};

// Parses a whole document. Failure: "name:line:col: message".
std::expected<Node, Error> parse(std::string_view text, std::string_view name);

}  // namespace smpolicy::toml_tree
