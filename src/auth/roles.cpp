#include <array>

#include "auth/auth.hpp"

namespace smpolicy::auth {
namespace {

constexpr std::array<Role, k_role_count> k_roles = {Role::staff,   Role::approver,   Role::dsl,
                                                    Role::publisher, Role::it,
                                                    Role::trust_admin, Role::governor};
constexpr std::array<std::string_view, k_role_count> k_names = {
    "staff", "approver", "dsl", "publisher", "it", "trust_admin", "governor"};

}  // namespace

std::string_view name_of(Role role) { return k_names[static_cast<std::size_t>(role)]; }

std::optional<Role> parse_role(std::string_view text) {
  for (Role r : k_roles) {
    if (name_of(r) == text) return r;
  }
  return std::nullopt;
}

std::span<const Role> all_roles() { return k_roles; }

RoleSet roles_of(const store::User& user) {
  RoleSet set;
  for (const std::string& name : user.roles) {
    if (auto role = parse_role(name)) set.add(*role);
  }
  return set;
}

std::optional<std::string> password_problem(std::string_view password) {
  if (password.size() < k_min_password_length) {
    return "a password needs at least " + std::to_string(k_min_password_length) + " characters";
  }
  return std::nullopt;
}

}  // namespace smpolicy::auth
