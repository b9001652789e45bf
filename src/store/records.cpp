#include <algorithm>

#include "core/core.hpp"
#include "store/records.hpp"
#include "store/store.hpp"

namespace smpolicy::store {

std::string school_slug(std::string_view name) {
  std::string slug;
  for (char c : name) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a'), keep = true;
    if (keep) {
      slug.push_back(c);
    } else if (!slug.empty() && slug.back() != '-') {
      slug.push_back('-');
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "school" : slug;
}

std::string json_object(std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
  std::string out = "{";
  for (const auto& [key, value] : fields) {
    if (out.size() > 1) out += ",";
    append_json_string(out, key);
    out += ":";
    append_json_string(out, value);
  }
  return out + "}";
}

std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ";") + item;
  return out;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (!text.empty() && start <= text.size()) {
    auto end = std::min(text.find(';', start), text.size());
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

namespace {

constexpr std::pair<DeclarationKind, std::string_view> k_declaration_kinds[] = {
    {DeclarationKind::employment_reference, "employment_reference"},
    {DeclarationKind::relationship_pupil, "relationship_pupil"},
    {DeclarationKind::relationship_parent, "relationship_parent"},
    {DeclarationKind::staff_parent, "staff_parent"},
    {DeclarationKind::online_friendship, "online_friendship"},
    {DeclarationKind::other, "other"},
};

}  // namespace

std::string_view name_of(DeclarationKind kind) {
  for (const auto& [k, name] : k_declaration_kinds) {
    if (k == kind) return name;
  }
  return "other";
}

std::optional<DeclarationKind> parse_declaration_kind(std::string_view text) {
  for (const auto& [kind, name] : k_declaration_kinds) {
    if (name == text) return kind;
  }
  return std::nullopt;
}

}  // namespace smpolicy::store
