// The school's own settings over JSON: the pack in force, the names, e-mail domains and
// phone numbers the detectors know it by, and its term dates.
#include <algorithm>

#include "policy/policy.hpp"
#include "server/handlers.hpp"
#include "server/records_json.hpp"

namespace smpolicy::server {
namespace {

constexpr std::string_view k_lists[] = {"names", "email_domains", "phones", "terms"};

void write_settings(JsonWriter& w, const store::School& school, const JsonFields& identity) {
  w.begin_object().field("id", school.id).field("name", school.name).field("pack", school.pack_id).field("trust", school.trust_id);
  for (std::string_view key : k_lists) {
    w.key(key).begin_array();
    if (auto found = identity.find(key); found != identity.end()) {
      for (const auto& item : found->second.list) w.value(item);
    }
    w.end_array();
  }
  w.end_object();
}

// A pack named from the web must be one compiled into the binary, never a server path.
std::expected<void, Error> check_pack(std::string_view id) {
  auto ids = bundled_pack_ids();
  if (std::ranges::find(ids, id) != ids.end()) return {};
  return std::unexpected(Error{ErrorCode::invalid, "field pack: '" + std::string(id) + "' is not a bundled pack"});
}

std::expected<void, Error> check_terms(const std::vector<std::string>& terms) {
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (auto span = parse_date_span(terms[i]); !span) {
      return std::unexpected(Error{ErrorCode::invalid, "field terms: item " + std::to_string(i + 1) + ": " + span.error().message});
    }
  }
  return {};
}

// The body's members replace the stored ones; a member left out keeps its value.
std::expected<std::string, Error> merged_identity(const JsonFields& body, JsonFields current) {
  for (std::string_view key : k_lists) {
    if (!body.contains(key)) continue;
    auto list = list_member(body, key);
    if (!list) return std::unexpected(list.error());
    if (key == "terms") {
      if (auto ok = check_terms(*list); !ok) return std::unexpected(ok.error());
    }
    Value v;
    v.type = Value::Type::list;
    v.list = std::move(*list);
    current[std::string(key)] = std::move(v);
  }
  JsonWriter w;
  w.begin_object();
  for (std::string_view key : k_lists) {
    if (auto found = current.find(key); found != current.end()) {
      w.key(key).begin_array();
      for (const auto& item : found->second.list) w.value(item);
      w.end_array();
    }
  }
  w.end_object();
  return w.take();
}

std::string_view stored_identity(const store::School& school) {
  return school.identity_json.empty() ? std::string_view("{}") : std::string_view(school.identity_json);
}

}  // namespace

Response api_school_get(Context& ctx) {
  auto identity = parse_json_fields(stored_identity(*ctx.school));
  if (!identity) return json_failure(identity.error());
  JsonWriter w;
  write_settings(w, *ctx.school, *identity);
  return json_response(w.take());
}

Response api_school_put(Context& ctx) {
  auto body = parse_json_fields(ctx.request.body);
  if (!body) return json_failure(body.error());
  auto pack = text_member(*body, "pack", false);
  if (!pack) return json_failure(pack.error());
  if (!pack->empty()) {
    if (auto ok = check_pack(*pack); !ok) return json_failure(ok.error());
  }
  auto current = parse_json_fields(stored_identity(*ctx.school));
  if (!current) return json_failure(current.error());
  auto identity = merged_identity(*body, *current);
  if (!identity) return json_failure(identity.error());
  store::School changed = *ctx.school;
  if (!pack->empty()) changed.pack_id = *pack;
  changed.identity_json = *identity;
  auto saved = ctx.store.update_school(changed, ctx.actor());
  if (!saved) return json_failure(saved.error());
  ctx.school = *saved;
  return api_school_get(ctx);
}

}  // namespace smpolicy::server
