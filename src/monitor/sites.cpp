// Which site a host belongs to. Called once per distinct host: the monitor caches it.
#include <algorithm>

#include "monitor/fields.hpp"
#include "monitor/monitor.hpp"

namespace smpolicy::monitor {
namespace {

bool is_address(std::string_view host) {
  if (!host.empty() && host[0] == '[') return true;
  return std::all_of(host.begin(), host.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

// Second-level labels under which names are registered one level further down:
// example.co.uk, school.org.uk, trust.ac.uk.
bool is_second_level(std::string_view label) {
  static constexpr std::string_view k_labels[] = {"co", "com", "org", "net", "ac", "gov", "edu", "sch", "nhs",
                                                  "ltd", "plc", "police", "mod", "me", "ne", "or", "go", "gob", "mil"};
  return std::find(std::begin(k_labels), std::end(k_labels), label) != std::end(k_labels);
}

std::string registrable(std::string_view host) {
  std::vector<std::string_view> labels;
  for (std::size_t begin = 0; begin <= host.size();) {
    auto dot = std::min(host.find('.', begin), host.size());
    labels.push_back(host.substr(begin, dot - begin));
    begin = dot + 1;
  }
  std::size_t n = labels.size(), keep = 2;
  if (n >= 3 && labels[n - 1].size() == 2 && is_second_level(labels[n - 2])) keep = 3;
  if (n >= 4 && labels[n - 1] == "uk" && labels[n - 2] == "sch") keep = 4;  // school.county.sch.uk
  if (n <= keep) return std::string(host);
  std::size_t from = static_cast<std::size_t>(labels[n - keep].data() - host.data());
  return std::string(host.substr(from));
}

}  // namespace

std::string site_of_host(std::string_view raw, const Pack& pack) {
  std::string host = fields::lower(raw);
  while (!host.empty() && host.back() == '.') host.pop_back();
  if (host.empty() || is_address(host)) return host;
  auto in_pack = covering_domain(host, [&](std::string_view h) { return pack.sites.contains(std::string(h)); });
  if (!in_pack.empty()) return std::string(in_pack);
  const Catalog& catalog = builtin_catalog();
  if (const Platform* p = catalog.platform_by_host(host); p && !p->hosts.empty()) return p->hosts.front();
  // A listed entry names the site unless it is broader than one registration: "sch.uk"
  // lists every school, each of which is a site of its own.
  auto listed = covering_domain(host, [&](std::string_view h) { return catalog.categories_by_host.contains(std::string(h)); });
  std::string domain = registrable(host);
  return listed.size() > domain.size() ? std::string(listed) : domain;
}

}  // namespace smpolicy::monitor
