#include <algorithm>
#include <cassert>
#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "policy/policy.hpp"
#include "policy/toml_tree.hpp"

namespace smpolicy {
namespace {

using toml_tree::Node;

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> strings(const Node* node) {
  std::vector<std::string> out;
  if (!node) return out;
  for (const auto& item : node->array) out.push_back(item.text);
  return out;
}

std::string_view category_of_type(std::string_view type) {
  if (type == "social") return "social_media";
  if (type == "video") return "video";
  if (type == "messaging") return "messaging";
  if (type == "professional") return "professional_network";
  if (type == "encyclopaedia") return "encyclopaedia";
  return {};
}

[[noreturn]] void broken(const Error& e) {
  std::fprintf(stderr, "smpolicy: embedded data is broken: %s\n", e.message.c_str());
  std::abort();
}

Catalog load_catalog() {
  Catalog catalog;
  auto platforms = toml_tree::parse(*embedded_file("data/platforms.toml"), "data/platforms.toml");
  if (!platforms) broken(platforms.error());
  if (const Node* list = platforms->find("platform")) {
    for (const auto& entry : list->array) {
      Platform p;
      p.name = entry.find("name")->text;
      p.aliases = strings(entry.find("aliases"));
      p.type = entry.find("type")->text;
      p.min_age = static_cast<int>(entry.find("min_age")->integer);
      p.hosts = strings(entry.find("hosts"));
      auto category = category_of_type(p.type);
      for (const auto& host : p.hosts) {
        if (!category.empty()) catalog.categories_by_host[host] = std::string(category);
        catalog.platform_of_host.emplace(host, catalog.platforms.size());
      }
      catalog.platforms.push_back(std::move(p));
    }
  }
  auto sites = toml_tree::parse(*embedded_file("data/sites.toml"), "data/sites.toml");
  if (!sites) broken(sites.error());
  if (const Node* categories = sites->find("categories")) {
    for (const auto& [category, hosts] : categories->table) {
      catalog.categories.push_back(category);
      for (const auto& host : hosts.array) catalog.categories_by_host[host.text] = category;
    }
  }
  catalog.categories.push_back("uncategorised");
  std::sort(catalog.categories.begin(), catalog.categories.end());
  return catalog;
}

}  // namespace

const Catalog& builtin_catalog() {
  static const Catalog catalog = load_catalog();
  return catalog;
}

const Platform* Catalog::platform(std::string_view name) const {
  auto key = lower(name);
  for (const auto& p : platforms) {
    if (p.name == key) return &p;
    for (const auto& alias : p.aliases) {
      if (alias == key) return &p;
    }
  }
  return nullptr;
}

std::string_view covering_domain(std::string_view host, const std::function<bool(std::string_view)>& listed) {
  for (std::string_view h = host; !h.empty();) {
    if (listed(h)) return h;
    auto dot = h.find('.');
    if (dot == std::string_view::npos) break;
    h.remove_prefix(dot + 1);
  }
  return {};
}

const Platform* Catalog::platform_by_host(std::string_view host) const {
  auto key = lower(host);
  auto found = covering_domain(key, [&](std::string_view h) { return platform_of_host.contains(std::string(h)); });
  return found.empty() ? nullptr : &platforms[platform_of_host.at(std::string(found))];
}

std::string_view Pack::category_of(std::string_view host) const {
  const auto& catalog = builtin_catalog();
  std::string key = lower(host);
  if (auto colon = key.rfind(':'); colon != std::string::npos && key.find(']') == std::string::npos) {
    key.resize(colon);  // "host:443" from CONNECT lines
  }
  // The pack's own entry for a domain wins over the catalogue's for the same domain.
  auto entry = [&](std::string_view h) -> const std::string* {
    std::string probe(h);
    if (auto it = sites.find(probe); it != sites.end()) return &it->second;
    if (auto it = catalog.categories_by_host.find(probe); it != catalog.categories_by_host.end()) return &it->second;
    return nullptr;
  };
  auto domain = covering_domain(key, [&](std::string_view h) { return entry(h) != nullptr; });
  return domain.empty() ? std::string_view("uncategorised") : std::string_view(*entry(domain));
}

const Clause* Pack::clause(std::string_view id) const {
  for (const auto& c : clauses) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

std::span<const std::string> Pack::role(std::string_view name) const {
  for (const auto& [role, titles] : roles) {
    if (role == name) return titles;
  }
  return {};
}

}  // namespace smpolicy
