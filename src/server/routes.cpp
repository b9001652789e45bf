// Every route, the roles it allows and its handler: the one place access is decided.
// A test walks this table for every role, in the user's own school and in another.
#include <array>

#include "server/handlers.hpp"

namespace smpolicy::server {
namespace {

using auth::Role;
using auth::RoleSet;

constexpr RoleSet k_everyone = RoleSet::everyone();
constexpr RoleSet k_leaders = {Role::approver, Role::dsl, Role::governor, Role::trust_admin};
constexpr RoleSet k_registers_read = {Role::approver, Role::dsl, Role::publisher, Role::trust_admin};
constexpr RoleSet k_registers_write = {Role::approver, Role::publisher, Role::trust_admin};
constexpr RoleSet k_accounts_read = {Role::approver, Role::publisher, Role::it, Role::governor,
                                     Role::trust_admin};
constexpr RoleSet k_reviewers = {Role::approver, Role::dsl};
constexpr RoleSet k_reports = {Role::it, Role::approver, Role::trust_admin};
constexpr RoleSet k_uploaders = {Role::it};
constexpr RoleSet k_school_admins = {Role::approver, Role::trust_admin};
constexpr RoleSet k_acknowledgements = {Role::approver, Role::governor, Role::trust_admin};

constexpr RouteInfo api(std::string_view method, std::string_view pattern, RoleSet roles,
                        bool scoped = true) {
  return RouteInfo{method, pattern, roles, false, false, scoped};
}
constexpr RouteInfo page(std::string_view method, std::string_view pattern, RoleSet roles,
                         bool scoped = true) {
  return RouteInfo{method, pattern, roles, false, true, scoped};
}
constexpr RouteInfo open_route(std::string_view method, std::string_view pattern, bool is_page) {
  return RouteInfo{method, pattern, {}, true, is_page, false};
}

const std::array k_routes = {
    Route{open_route("POST", "/api/session", false), api_session_post},
    Route{api("GET", "/api/session", k_everyone, false), api_session_get},
    Route{api("DELETE", "/api/session", k_everyone, false), api_session_delete},
    Route{api("GET", "/api/schools", k_everyone, false), api_schools},
    Route{api("POST", "/api/check", k_everyone), api_check},
    Route{api("POST", "/api/contact", k_everyone), api_contact},
    Route{api("GET", "/api/policy", k_everyone), api_policy},
    Route{api("POST", "/api/policy/acknowledge", k_everyone), api_acknowledge},
    Route{api("GET", "/api/acknowledgements", k_acknowledgements), api_acknowledgements},
    Route{api("GET", "/api/school", k_leaders), api_school_get},
    Route{api("PUT", "/api/school", k_school_admins), api_school_put},
    Route{api("GET", "/api/people", k_registers_read), api_people},
    Route{api("POST", "/api/people/import", k_registers_write), api_people_import},
    Route{api("GET", "/api/consents", k_registers_read), api_consents},
    Route{api("PUT", "/api/consents/{person}", k_registers_write), api_consent_put},
    Route{api("GET", "/api/declarations", k_everyone), api_declarations},
    Route{api("POST", "/api/declarations", k_everyone), api_declaration_post},
    Route{api("POST", "/api/declarations/{id}/review", k_reviewers), api_declaration_review},
    Route{api("GET", "/api/accounts", k_accounts_read), api_accounts},
    Route{api("POST", "/api/accounts", k_registers_write), api_account_post},
    Route{api("GET", "/api/audit", k_leaders), api_audit},
    Route{api("GET", "/api/audit/verify", k_leaders), api_audit_verify},
    Route{api("POST", "/api/monitor", k_uploaders), api_monitor_upload},
    Route{api("GET", "/api/reports", k_reports), api_reports},
    Route{api("GET", "/api/reports/{id}", k_reports), api_report},
    Route{open_route("GET", "/api/openapi.json", false), api_openapi},

    Route{open_route("GET", "/login", true), page_login_get},
    Route{open_route("POST", "/login", true), page_login_post},
    Route{page("POST", "/logout", k_everyone, false), page_logout},
    Route{page("GET", "/", k_everyone), page_home},
    Route{page("GET", "/check", k_everyone), page_check_get},
    Route{page("POST", "/check", k_everyone), page_check_post},
    Route{page("GET", "/contact", k_everyone), page_contact_get},
    Route{page("POST", "/contact", k_everyone), page_contact_post},
    Route{page("GET", "/policy", k_everyone), page_policy},
    Route{page("POST", "/policy/acknowledge", k_everyone), page_acknowledge},
    Route{page("GET", "/people", k_registers_read), page_people},
    Route{page("POST", "/people/import", k_registers_write), page_people_import},
    Route{page("GET", "/consents", k_registers_read), page_consents},
    Route{page("POST", "/consents", k_registers_write), page_consent_post},
    Route{page("GET", "/declarations", k_everyone), page_declarations},
    Route{page("POST", "/declarations", k_everyone), page_declaration_post},
    Route{page("POST", "/declarations/{id}/review", k_reviewers), page_declaration_review},
    Route{page("GET", "/accounts", k_accounts_read), page_accounts},
    Route{page("POST", "/accounts", k_registers_write), page_account_post},
    Route{page("GET", "/audit", k_leaders), page_audit},
    Route{page("GET", "/school", k_leaders), page_school},
    Route{page("POST", "/school", k_school_admins), page_school_post},
    Route{page("GET", "/reports", k_reports), page_reports},
    Route{page("POST", "/reports", k_uploaders), page_report_upload},
    Route{page("GET", "/reports/{id}", k_reports), page_report},
    Route{open_route("GET", "/static/{file}", true), static_file},
};

std::array<RouteInfo, k_routes.size()> infos() {
  std::array<RouteInfo, k_routes.size()> out;
  for (std::size_t i = 0; i < k_routes.size(); ++i) out[i] = k_routes[i].info;
  return out;
}

}  // namespace

std::span<const Route> routes() { return k_routes; }

std::span<const RouteInfo> route_table() {
  static const auto table = infos();
  return table;
}

}  // namespace smpolicy::server
