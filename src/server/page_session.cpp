// Signing in and out, and the start page.
#include "crypto/crypto.hpp"
#include "server/handlers.hpp"
#include "server/html.hpp"
#include "server/request_parts.hpp"
#include "server/respond.hpp"
#include "server/session.hpp"
#include "server/state.hpp"

namespace smpolicy::server {
namespace {

// Sign-in has no session to carry a CSRF token yet, so the form and a short-lived cookie
// carry the same random value (double submit): another site can post the form but cannot
// read or set the cookie.
constexpr std::string_view k_login_cookie = "smpolicy_login";

// Only paths on this site: "/check", never "//evil.example" or "https://...".
std::string safe_next(const std::string& next) {
  if (next.size() < 1 || next[0] != '/' || (next.size() > 1 && (next[1] == '/' || next[1] == '\\'))) return "/";
  return next;
}

Response login_form(const Context& ctx, std::string_view error, int status) {
  std::string token = crypto::random_token();
  std::string next = safe_next(ctx.request.method == "GET" ? ctx.query("next") : ctx.form.get("next"));
  std::string body =
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Sign in · smpolicy</title>"
      "<link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main id=\"main\" class=\"narrow\">"
      "<h1>Sign in to smpolicy</h1>" +
      (error.empty() ? std::string() : notice("error", error)) +
      "<form method=\"post\" action=\"/login\">"
      "<input type=\"hidden\" name=\"login_token\" value=\"" + token + "\">"
      "<input type=\"hidden\" name=\"next\" value=\"" + escape(next) + "\">"
      "<label for=\"username\">User name</label>"
      "<input id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus>"
      "<label for=\"password\">Password</label>"
      "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>"
      "<button type=\"submit\">Sign in</button></form></main></body></html>";
  Response r = html_response(std::move(body), status);
  r.headers.emplace_back("Set-Cookie", std::string(k_login_cookie) + "=" + token +
                                           "; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600");
  return r;
}

}  // namespace

Response page_login_get(Context& ctx) { return login_form(ctx, "", 200); }

Response page_login_post(Context& ctx) {
  std::string sent = ctx.form.get("login_token");
  if (sent.empty() || !crypto::equal_secrets(sent, ctx.request.cookie(k_login_cookie))) {
    return login_form(ctx, "The sign-in form had expired. Please try again.", 403);
  }
  auto in = sign_in(ctx, ctx.form.get("username"), ctx.form.get("password"));
  if (!in) {
    int status = in.error().code == ErrorCode::unsupported ? 429 : in.error().code == ErrorCode::invalid ? 401 : 500;
    return login_form(ctx, in.error().message, status);
  }
  Response r = redirect(safe_next(ctx.form.get("next")));
  set_session_cookie(r, ctx, in->token);
  return r;
}

Response page_logout(Context& ctx) {
  (void)auth::sign_out(ctx.store, ctx.request.cookie(k_session_cookie));
  Response r = redirect("/login");
  clear_session_cookie(r, ctx);
  return r;
}

Response page_home(Context& ctx) {
  std::string suffix = school_suffix(ctx);
  std::string body = "<p>What would you like to do?</p><ul class=\"tiles\">"
                     "<li><a href=\"/check" + suffix + "\">Check a post before you share it</a></li>"
                     "<li><a href=\"/contact" + suffix + "\">Ask about a friend request, follow or message</a></li>"
                     "<li><a href=\"/policy" + suffix + "\">Read and acknowledge our policy</a></li>"
                     "<li><a href=\"/declarations" + suffix + "\">Declare a relationship or a link to your work</a></li></ul>";
  return html_response(page(ctx, "Social media at " + (ctx.school ? ctx.school->name : std::string("school")), body));
}

}  // namespace smpolicy::server
