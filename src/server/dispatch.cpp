// The dispatcher: matches the route, then applies in order every check a route relies on
// — body size, sign-in, role, body type, CSRF token, school — so no handler repeats them.
#include <chrono>
#include <cstdio>
#include <exception>

#include "crypto/crypto.hpp"
#include "server/demo.hpp"
#include "server/handlers.hpp"
#include "server/request_parts.hpp"
#include "server/respond.hpp"
#include "server/state.hpp"

namespace smpolicy::server {
namespace {

// Matches `path` against a pattern with {name} segments, collecting the names' values.
bool match(std::string_view pattern, std::string_view path,
           std::map<std::string, std::string, std::less<>>& params) {
  params.clear();
  while (!pattern.empty() && !path.empty()) {
    if (pattern.front() != '/' || path.front() != '/') return false;
    pattern.remove_prefix(1), path.remove_prefix(1);
    auto pattern_end = pattern.find('/'), path_end = path.find('/');
    std::string_view want = pattern.substr(0, pattern_end), got = path.substr(0, path_end);
    if (want.starts_with('{')) {
      if (got.empty()) return false;
      params.emplace(std::string(want.substr(1, want.size() - 2)), url_decode(got));
    } else if (want != got) {
      return false;
    }
    pattern = pattern_end == std::string_view::npos ? "" : pattern.substr(pattern_end);
    path = path_end == std::string_view::npos ? "" : path.substr(path_end);
  }
  return pattern.empty() && path.empty();
}

Response refuse(const RouteInfo& route, int status, std::string_view why) {
  if (!route.page) return json_error(status, why);
  return html_response("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
                           std::string(status_text(status)) +
                           "</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main><h1>" +
                           std::string(status_text(status)) + "</h1><p>" + std::string(why) +
                           "</p><p><a href=\"/\">Back to the start</a></p></main></body></html>",
                       status);
}

std::string_view media_type(const Request& request) {
  std::string_view type = request.header("content-type");
  return type.substr(0, type.find(';'));
}

// The body types a route accepts on a write.
bool body_type_ok(const Route& route, const Request& request) {
  std::string_view type = media_type(request);
  if (route.info.page) {
    return type == "application/x-www-form-urlencoded" || type == "multipart/form-data";
  }
  if (request.body.empty() && request.parts.empty()) return true;
  if (route.info.pattern == "/api/people/import") return type == "text/csv";
  if (route.info.pattern == "/api/monitor") {
    return type == "text/plain" || type == "application/octet-stream" || type == "application/gzip";
  }
  return type == "application/json";
}

bool is_upload(const RouteInfo& route) {
  return route.method == "POST" && (route.pattern == "/api/monitor" || route.pattern == "/reports" ||
                                    route.pattern == "/api/people/import" || route.pattern == "/people/import");
}

std::string first_school_of_trust(store::Store& store, const std::string& trust_id) {
  auto schools = store.trust_schools(trust_id);
  return schools && !schools->empty() ? schools->front().id : std::string();
}

// May this user act on `school`? Their own school, or any school of their trust when
// they administer it.
bool may_act_on(const Context& ctx, const store::School& school) {
  const store::User& user = ctx.user();
  if (!user.school_id.empty() && user.school_id == school.id) return true;
  return ctx.has(auth::Role::trust_admin) && !user.trust_id.empty() && user.trust_id == school.trust_id;
}

class AppImpl final : public App {
 public:
  explicit AppImpl(Options options) : m_state(std::move(options)) {}
  AppState& state() { return m_state; }

  Response handle(const Request& request) override {
    try {
      auto start = std::chrono::steady_clock::now();
      Response response = route(request);
      secure(response);
      // How long the server itself took, for browsers' developer tools and bench/serve_load.sh.
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      char timing[48];
      std::snprintf(timing, sizeof timing, "app;dur=%.2f", ms);
      response.headers.emplace_back("Server-Timing", timing);
      return response;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "smpolicy serve: %s %s: %s\n", request.method.c_str(), request.path.c_str(), e.what());
      Response response = text_response(500, "something went wrong on the server; nothing was saved");
      secure(response);
      return response;
    }
  }

 private:
  Response route(const Request& request);
  Response run(const Route& route, Context& ctx);

  // Headers every answer carries: no inline script, no framing, no sniffing, no caching
  // of pages with personal data.
  static void secure(Response& response) {
    auto& h = response.headers;
    auto has = [&h](std::string_view name) {
      for (const auto& header : h) {
        if (header.first == name) return true;
      }
      return false;
    };
    // A route may set a stricter or narrower policy of its own (the kept HTML reports).
    if (!has("Content-Security-Policy")) h.emplace_back("Content-Security-Policy",
                   "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                   "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'");
    h.emplace_back("X-Content-Type-Options", "nosniff");
    h.emplace_back("X-Frame-Options", "DENY");
    h.emplace_back("Referrer-Policy", "same-origin");
    if (!has("Cache-Control")) h.emplace_back("Cache-Control", "no-store");
  }

  AppState m_state;
};

Response AppImpl::route(const Request& request) {
  std::map<std::string, std::string, std::less<>> params;
  bool path_known = false;
  for (const Route& route : routes()) {
    if (!match(route.info.pattern, request.path, params)) continue;
    path_known = true;
    if (route.info.method != request.method) continue;
    std::size_t limit = is_upload(route.info) ? m_state.options().max_upload : m_state.options().max_body;
    std::size_t size = request.body.size();
    for (const FormPart& part : request.parts) size += part.content.size();
    if (size > limit) return refuse(route.info, 413, "the request is larger than this server accepts");
    auto lease = m_state.borrow();
    if (!lease) return refuse(route.info, 500, "the database cannot be reached: " + lease.error().message);
    Context ctx{request, m_state, **lease, std::nullopt, {}, std::nullopt, std::move(params), {},
                m_state.options().clock->now()};
    return run(route, ctx);
  }
  if (path_known) return json_error(405, "method not allowed");
  if (request.path.starts_with("/api/")) return json_error(404, "no such API route");
  return refuse(RouteInfo{"GET", "", {}, true, true, false}, 404, "There is no page here.");
}

Response AppImpl::run(const Route& route, Context& ctx) {
  const RouteInfo& info = route.info;
  bool writes = ctx.request.method != "GET";
  bool typed = !writes || body_type_ok(route, ctx.request);
  if (info.page && writes && typed) ctx.form = parse_form(ctx.request);
  if (info.open) {
    if (!typed) return refuse(info, 415, "send this as " + std::string(info.page ? "a form" : "JSON"));
    return route.handler(ctx);
  }

  auto who = auth::authenticate(ctx.store, ctx.request.cookie(k_session_cookie), ctx.now);
  if (!who) return refuse(info, 500, who.error().message);
  if (!*who) {
    if (info.page) return redirect("/login?next=" + url_encode(ctx.request.path));
    return json_error(401, "sign in first");
  }
  ctx.who = std::move(**who);
  ctx.roles = auth::roles_of(ctx.user());
  if (!ctx.roles.overlaps(info.roles)) return refuse(info, 403, "your role does not allow this");
  if (writes) {
    std::string token = info.page ? ctx.form.get("csrf") : std::string(ctx.request.header("x-csrf-token"));
    if (!crypto::equal_secrets(token, ctx.csrf())) {
      return refuse(info, 403, "the form has expired or did not come from this site: reload the page");
    }
    if (!typed) return refuse(info, 415, "send this as " + std::string(info.page ? "a form" : "JSON"));
  }
  if (info.school_scoped) {
    std::string id = ctx.query("school");
    if (id.empty()) id = !ctx.user().school_id.empty() ? ctx.user().school_id : first_school_of_trust(ctx.store, ctx.user().trust_id);
    auto school = ctx.store.find_school(id);
    if (!school) return refuse(info, 500, school.error().message);
    if (!*school || !may_act_on(ctx, **school)) return refuse(info, 403, "you do not work in that school");
    ctx.school = std::move(**school);
  }
  return route.handler(ctx);
}

}  // namespace

std::expected<std::shared_ptr<const School>, Error> Context::pipeline() {
  return app.pipeline(store, *school);
}

std::expected<std::unique_ptr<App>, Error> App::open(Options options) {
  auto app = std::make_unique<AppImpl>(std::move(options));
  auto lease = app->state().borrow();
  if (!lease) return std::unexpected(lease.error());
  if (app->state().options().demo) {
    if (auto made = make_demo(**lease); !made) return std::unexpected(made.error());
  }
  return app;
}

}  // namespace smpolicy::server
