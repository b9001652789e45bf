// server (private): what a handler sees. The dispatcher has already matched the route,
// signed the user in, checked their roles, the CSRF token and the school they act on.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "auth/auth.hpp"
#include "pipeline/pipeline.hpp"
#include "server/server.hpp"
#include "store/store.hpp"

namespace smpolicy::server {

class AppState;

// The fields of a form body (application/x-www-form-urlencoded), or of a multipart body's
// plain fields; a repeated name keeps every value in `all`.
struct Form {
  std::map<std::string, std::string, std::less<>> first;
  std::multimap<std::string, std::string, std::less<>> all;
  // A multipart file part, when one was sent.
  std::string file_name, file_content;

  std::string get(std::string_view name) const;
  std::vector<std::string> values(std::string_view name) const;
};

struct Context {
  const Request& request;
  AppState& app;
  store::Store& store;                 // this thread's connection
  std::optional<auth::Authenticated> who;  // set on every route that is not open
  auth::RoleSet roles;
  std::optional<store::School> school;  // the school acted on, on school-scoped routes
  std::map<std::string, std::string, std::less<>> params;  // from the route's {names}
  Form form;                            // page POSTs
  std::string now;                      // ISO 8601, from the app's clock

  const store::User& user() const { return who->user; }
  const std::string& csrf() const { return who->session.csrf_token; }
  // The actor written in the audit log: "user:jsmith".
  std::string actor() const { return "user:" + who->user.username; }
  bool has(auth::Role role) const { return roles.has(role); }
  // The school's pack, roster and matcher, compiled once and shared.
  std::expected<std::shared_ptr<const School>, Error> pipeline();
  // The query-string value, or empty.
  std::string query(std::string_view name) const;
};

using Handler = Response (*)(Context&);

}  // namespace smpolicy::server
