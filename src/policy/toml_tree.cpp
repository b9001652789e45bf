// The one file that sees toml++.
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

#include <cstdio>

#include "policy/toml_tree.hpp"

namespace smpolicy::toml_tree {
namespace {

Node convert(const toml::node& in) {
  Node out;
  out.line = static_cast<int>(in.source().begin.line);
  out.column = static_cast<int>(in.source().begin.column);
  if (auto* t = in.as_table()) {
    out.type = Node::Type::table;
    for (auto&& [key, value] : *t) out.table.push_back(Member{std::string(key.str()), convert(value)});
  } else if (auto* a = in.as_array()) {
    out.type = Node::Type::array;
    for (auto&& value : *a) out.array.push_back(convert(value));
  } else if (auto* s = in.as_string()) {
    out.type = Node::Type::string;
    out.text = s->get();
  } else if (auto* i = in.as_integer()) {
    out.type = Node::Type::integer;
    out.integer = i->get();
  } else if (auto* f = in.as_floating_point()) {
    out.type = Node::Type::floating;
    out.floating = f->get();
  } else if (auto* b = in.as_boolean()) {
    out.type = Node::Type::boolean;
    out.boolean = b->get();
  } else if (auto* d = in.as_date()) {
    out.type = Node::Type::date;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->get().year, d->get().month, d->get().day);
    out.text = buf;
  }
  return out;
}

}  // namespace

const Node* Node::find(std::string_view key) const {
  for (const auto& [k, v] : table) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::string_view Node::type_name() const {
  switch (type) {
    case Type::table: return "a table";
    case Type::array: return "an array";
    case Type::string: return "a string";
    case Type::integer: return "an integer";
    case Type::floating: return "a number";
    case Type::boolean: return "true or false";
    case Type::date: return "a date";
    case Type::other: break;
  }
  return "a value of another type";
}

std::expected<Node, Error> parse(std::string_view text, std::string_view name) {
  auto result = toml::parse(text, name);
  if (!result) {
    const auto& e = result.error();
    return fail(ErrorCode::parse, std::string(name) + ":" + std::to_string(e.source().begin.line) +
                                      ":" + std::to_string(e.source().begin.column) + ": " +
                                      std::string(e.description()));
  }
  Node root = convert(result.table());
  root.line = root.column = 1;
  return root;
}

}  // namespace smpolicy::toml_tree
