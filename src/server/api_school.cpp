// The school's own settings over JSON (the work is in school_settings.cpp).
#include "server/handlers.hpp"
#include "server/records_json.hpp"
#include "server/service.hpp"

namespace smpolicy::server {

Response api_school_get(Context& ctx) {
  auto lists = school_lists(*ctx.school);
  if (!lists) return json_failure(lists.error());
  const store::School& s = *ctx.school;
  JsonWriter w;
  w.begin_object().field("id", s.id).field("name", s.name).field("pack", s.pack_id).field("trust", s.trust_id);
  for (const auto& [key, items] : *lists) {
    w.key(key).begin_array();
    for (const auto& item : items) w.value(item);
    w.end_array();
  }
  w.end_object();
  return json_response(w.take());
}

// Members left out keep their values.
Response api_school_put(Context& ctx) {
  auto body = parse_json_fields(ctx.request.body);
  if (!body) return json_failure(body.error());
  SchoolChange change;
  auto pack = text_member(*body, "pack", false);
  if (!pack) return json_failure(pack.error());
  if (!pack->empty()) change.pack = *pack;
  for (std::string_view key : k_school_lists) {
    if (!body->contains(key)) continue;
    auto list = list_member(*body, key);
    if (!list) return json_failure(list.error());
    change.lists[std::string(key)] = std::move(*list);
  }
  auto saved = change_school(ctx, change);
  if (!saved) return json_failure(saved.error());
  return api_school_get(ctx);
}

}  // namespace smpolicy::server
