// server (private): decoding what arrives in a request.
#pragma once

#include <string>
#include <string_view>

#include "server/context.hpp"

namespace smpolicy::server {

// "a+b%2Fc" -> "a b/c". A malformed escape is kept as written.
std::string url_decode(std::string_view text);
// Percent-encodes everything but unreserved characters and '/'.
std::string url_encode(std::string_view text);
// The fields of an urlencoded body, or of the parts of a multipart one.
Form parse_form(const Request& request);

// The name of the session cookie.
inline constexpr std::string_view k_session_cookie = "smpolicy_session";

}  // namespace smpolicy::server
