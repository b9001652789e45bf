// server (private): the session cookie, shared by the API's and the pages' sign-in.
#pragma once

#include "server/context.hpp"

namespace smpolicy::server {

// Adds Set-Cookie for a new session: HttpOnly, SameSite=Strict, Path=/, lasting the
// session's lifetime, and Secure when the app serves under TLS.
void set_session_cookie(Response& response, const Context& ctx, std::string_view token);
// Adds Set-Cookie that removes the session cookie.
void clear_session_cookie(Response& response, const Context& ctx);

// Signs in with the throttle, as both sign-in routes do.
std::expected<auth::SignedIn, Error> sign_in(Context& ctx, std::string_view username,
                                             std::string_view password);

}  // namespace smpolicy::server
