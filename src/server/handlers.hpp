// server (private): every handler, one per route of routes.cpp. API handlers answer JSON
// (api_*.cpp); page handlers answer HTML (page_*.cpp). Both call the same pipeline and
// store functions; neither holds logic the other lacks.
#pragma once

#include "server/context.hpp"

namespace smpolicy::server {

// ---- API ---------------------------------------------------------------------------
Response api_session_get(Context&);
Response api_session_post(Context&);
Response api_session_delete(Context&);
Response api_schools(Context&);
Response api_check(Context&);
Response api_contact(Context&);
Response api_policy(Context&);
Response api_acknowledge(Context&);
Response api_acknowledgements(Context&);
Response api_people(Context&);
Response api_people_import(Context&);
Response api_consents(Context&);
Response api_consent_put(Context&);
Response api_declarations(Context&);
Response api_declaration_post(Context&);
Response api_declaration_review(Context&);
Response api_accounts(Context&);
Response api_account_post(Context&);
Response page_school(Context&);
Response page_school_post(Context&);
Response api_school_get(Context&);
Response api_school_put(Context&);
Response api_audit(Context&);
Response api_audit_verify(Context&);
Response api_monitor_upload(Context&);
Response api_reports(Context&);
Response api_report(Context&);
Response api_openapi(Context&);

// ---- Pages -------------------------------------------------------------------------
Response page_login_get(Context&);
Response page_login_post(Context&);
Response page_logout(Context&);
Response page_home(Context&);
Response page_check_get(Context&);
Response page_check_post(Context&);
Response page_contact_get(Context&);
Response page_contact_post(Context&);
Response page_policy(Context&);
Response page_acknowledge(Context&);
Response page_people(Context&);
Response page_people_import(Context&);
Response page_consents(Context&);
Response page_consent_post(Context&);
Response page_declarations(Context&);
Response page_declaration_post(Context&);
Response page_declaration_review(Context&);
Response page_accounts(Context&);
Response page_account_post(Context&);
Response page_audit(Context&);
Response page_reports(Context&);
Response page_report_upload(Context&);
Response page_report(Context&);
Response static_file(Context&);

struct Route {
  RouteInfo info;
  Handler handler;
};

// The table the dispatcher walks.
std::span<const Route> routes();

}  // namespace smpolicy::server
