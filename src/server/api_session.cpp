// /api/session: sign in, who am I, sign out.
#include "server/handlers.hpp"
#include "server/request_parts.hpp"
#include "server/respond.hpp"
#include "server/session.hpp"

namespace smpolicy::server {
namespace {

std::string user_json(const store::User& user, const std::string& csrf) {
  JsonWriter w;
  w.begin_object()
      .field("username", user.username)
      .field("display_name", user.display_name)
      .field("school", user.school_id)
      .field("trust", user.trust_id)
      .field("person", user.person_id)
      .key("roles")
      .strings(user.roles)
      .field("csrf_token", csrf)
      .end_object();
  return w.take();
}

}  // namespace

Response api_session_post(Context& ctx) {
  auto body = parse_json_fields(ctx.request.body);
  if (!body) return json_failure(body.error());
  std::string fields[2];
  const char* names[2] = {"username", "password"};
  for (int i = 0; i < 2; ++i) {
    auto found = body->find(names[i]);
    if (found == body->end() || found->second.type != Value::Type::text) {
      return json_error(400, std::string("field ") + names[i] + ": expected a string", names[i]);
    }
    fields[i] = found->second.text;
  }
  auto in = sign_in(ctx, fields[0], fields[1]);
  if (!in) {
    int status = in.error().code == ErrorCode::unsupported ? 429 : in.error().code == ErrorCode::invalid ? 401 : 500;
    return json_error(status, in.error().message);
  }
  Response response = json_response(user_json(in->user, in->session.csrf_token));
  set_session_cookie(response, ctx, in->token);
  return response;
}

Response api_session_get(Context& ctx) { return json_response(user_json(ctx.user(), ctx.csrf())); }

Response api_session_delete(Context& ctx) {
  if (auto done = auth::sign_out(ctx.store, ctx.request.cookie(k_session_cookie)); !done) {
    return json_failure(done.error());
  }
  Response response = json_response("{\"signed_out\":true}");
  clear_session_cookie(response, ctx);
  return response;
}

Response api_schools(Context& ctx) {
  std::vector<store::School> schools;
  if (!ctx.user().trust_id.empty() && ctx.has(auth::Role::trust_admin)) {
    auto found = ctx.store.trust_schools(ctx.user().trust_id);
    if (!found) return json_failure(found.error());
    schools = std::move(*found);
  } else if (auto own = ctx.store.find_school(ctx.user().school_id); own && *own) {
    schools.push_back(std::move(**own));
  }
  JsonWriter w;
  w.begin_array();
  for (const auto& s : schools) {
    w.begin_object().field("id", s.id).field("name", s.name).field("pack", s.pack_id).field("trust", s.trust_id).end_object();
  }
  w.end_array();
  return json_response(w.take());
}

}  // namespace smpolicy::server
