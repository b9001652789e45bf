// The OpenAPI file in docs/ describes exactly the API routes of the table, with the same
// roles: a route added without its description (or the other way) fails here.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

#include "core/core.hpp"
#include "server/server.hpp"

namespace smpolicy::server {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

nlohmann::json openapi() {
  auto text = embedded_file("docs/openapi.json");
  EXPECT_TRUE(text) << "docs/openapi.json is not embedded";
  return text ? nlohmann::json::parse(*text) : nlohmann::json::object();
}

TEST(OpenApi, DescribesEveryApiRouteAndNoOther) {
  auto doc = openapi();
  std::set<std::string> described, routed;
  for (const auto& [path, methods] : doc["paths"].items()) {
    for (const auto& [method, op] : methods.items()) described.insert(method + " " + path);
  }
  for (const RouteInfo& r : route_table()) {
    if (r.pattern.starts_with("/api/")) routed.insert(lower(r.method) + " " + std::string(r.pattern));
  }
  EXPECT_EQ(described, routed);
}

TEST(OpenApi, StatesTheSameRolesAsTheRouteTable) {
  auto doc = openapi();
  for (const RouteInfo& r : route_table()) {
    if (!r.pattern.starts_with("/api/")) continue;
    const auto& op = doc["paths"][std::string(r.pattern)][lower(r.method)];
    std::set<std::string> stated, allowed;
    for (const auto& role : op["x-roles"]) stated.insert(role.get<std::string>());
    if (!r.open) {
      for (auth::Role role : auth::all_roles()) {
        if (r.roles.has(role)) allowed.insert(std::string(auth::name_of(role)));
      }
    }
    EXPECT_EQ(stated, allowed) << r.method << " " << r.pattern;
  }
}

}  // namespace
}  // namespace smpolicy::server
