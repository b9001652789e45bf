// server: the HTTP API and the web pages, over the same `check` path as the CLI.
//
// An App answers one Request with one Response and knows nothing of sockets, so tests
// drive every route in-process; `serve` puts it behind cpp-httplib on an address. An App
// is safe to call from many threads at once: each thread gets its own store connection,
// and the schools' compiled matchers are shared and rebuilt when a roster changes.
#pragma once

#include <cstddef>
#include <expected>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/auth.hpp"
#include "core/core.hpp"
#include "store/store.hpp"

namespace smpolicy::server {

// One part of a multipart/form-data body, as the HTTP layer split it.
struct FormPart {
  std::string name, filename, content_type, content;
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // without the query: "/api/check"
  std::map<std::string, std::string, std::less<>> query;
  std::map<std::string, std::string, std::less<>> headers;  // names in lower case
  std::string body;
  std::vector<FormPart> parts;  // set instead of `body` for multipart/form-data
  std::string remote_address;  // for throttling sign-in
  bool secure = false;         // came over TLS (directly or through a trusted proxy)

  // A header's value, or empty.
  std::string_view header(std::string_view lower_name) const;
  // A cookie's value from the Cookie header, or empty.
  std::string cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct Options {
  // A PostgreSQL URL, or a data directory for the SQLite file.
  std::string database = "smpolicy-data";
  // Create (once) an invented demo school with one user per role.
  bool demo = false;
  // Largest request body accepted on ordinary routes, and on log uploads.
  std::size_t max_body = 1 << 20;
  std::size_t max_upload = 256u << 20;
  // Mark cookies Secure (set when TLS ends at a proxy in front).
  bool secure_cookies = false;
  std::shared_ptr<const store::Clock> clock = store::system_clock();
};

// What a route is, for the route table's tests and the OpenAPI check.
struct RouteInfo {
  std::string_view method;
  std::string_view pattern;  // "/api/declarations/{id}/review"
  auth::RoleSet roles;       // who may call it; ignored when open
  bool open = false;         // no sign-in needed (sign-in page, static files)
  bool page = false;         // HTML for a browser rather than JSON
  bool school_scoped = true; // acts on one school's records (?school=ID, default own)
};

class App {
 public:
  // Opens the store (creating and migrating it as needed) and, with options.demo, makes
  // the demo school. Fails when the database cannot be used.
  static std::expected<std::unique_ptr<App>, Error> open(Options options);
  virtual ~App() = default;

  // Answers one request. Never throws; an unexpected failure is a 500 with a short
  // message and nothing half-written.
  virtual Response handle(const Request& request) = 0;
};

// Every route the server answers, in the order they are matched.
std::span<const RouteInfo> route_table();

// The demo school's users, all with the password k_demo_password.
inline constexpr std::string_view k_demo_password = "demo-password";
std::span<const std::string_view> demo_usernames();

// "127.0.0.1:8080", ":8080" (loopback), "0.0.0.0:80". Fails naming the bad part.
struct Listen {
  std::string host = "127.0.0.1";
  int port = 8080;
};
std::expected<Listen, Error> parse_listen(std::string_view text);

// Serves `app` on `listen` until SIGINT or SIGTERM. `on_ready` is called with the port
// actually bound (useful with port 0). Fails when the address cannot be bound.
std::expected<void, Error> serve(App& app, const Listen& listen, std::size_t threads,
                                 const std::function<void(int port)>& on_ready);

}  // namespace smpolicy::server
