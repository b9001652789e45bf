#include "server/session.hpp"

#include "server/request_parts.hpp"
#include "server/state.hpp"

namespace smpolicy::server {
namespace {

std::string cookie(const Context& ctx, std::string_view value, long max_age) {
  std::string text = std::string(k_session_cookie) + "=" + std::string(value) +
                     "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (ctx.app.options().secure_cookies || ctx.request.secure) text += "; Secure";
  return text;
}

}  // namespace

void set_session_cookie(Response& response, const Context& ctx, std::string_view token) {
  auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(auth::k_session_lifetime).count();
  response.headers.emplace_back("Set-Cookie", cookie(ctx, token, static_cast<long>(lifetime)));
}

void clear_session_cookie(Response& response, const Context& ctx) {
  response.headers.emplace_back("Set-Cookie", cookie(ctx, "", 0));
}

std::expected<auth::SignedIn, Error> sign_in(Context& ctx, std::string_view username,
                                             std::string_view password) {
  return auth::sign_in(ctx.store, ctx.app.throttle(), username, password,
                       ctx.request.remote_address, ctx.now);
}

}  // namespace smpolicy::server
