// The registers over JSON: people and roster import, consents and the restricted list,
// declarations, official accounts.
#include <charconv>

#include "server/handlers.hpp"
#include "server/records_json.hpp"
#include "server/service.hpp"

namespace smpolicy::server {
namespace {

template <typename T, typename Write>
Response list_response(const std::expected<std::vector<T>, Error>& rows, Write write) {
  if (!rows) return json_failure(rows.error());
  JsonWriter w;
  w.begin_array();
  for (const T& row : *rows) write(w, row);
  w.end_array();
  return json_response(w.take());
}

std::optional<std::int64_t> id_param(const Context& ctx) {
  std::int64_t id = 0;
  const std::string& text = ctx.params.at("id");
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

}  // namespace

Response api_people(Context& ctx) { return list_response(ctx.store.people(ctx.school->id), write_person); }

Response api_people_import(Context& ctx) {
  std::string source = ctx.query("name").empty() ? "upload.csv" : ctx.query("name");
  auto result = import_roster(ctx, ctx.request.body, source, ctx.query("commit") == "true");
  if (!result) return json_failure(result.error());
  const auto& p = result->preview;
  JsonWriter w;
  w.begin_object().field("committed", result->committed).field("people", static_cast<std::int64_t>(p.people.size()))
      .field("added", p.added).field("updated", p.updated).field("unchanged", p.unchanged);
  w.key("bad_rows").begin_array();
  for (const Error& e : p.bad_rows) w.value(e.message);
  w.end_array().end_object();
  return json_response(w.take(), p.bad_rows.empty() ? 200 : 400);
}

Response api_consents(Context& ctx) {
  auto people = ctx.store.people(ctx.school->id);
  if (people) std::erase_if(*people, [](const Person& p) { return p.role != Role::pupil; });
  return list_response(people, write_person);
}

Response api_consent_put(Context& ctx) {
  auto body = parse_json_fields(ctx.request.body);
  if (!body) return json_failure(body.error());
  auto channels = list_member(*body, "channels");
  if (!channels) return json_failure(channels.error());
  auto restricted = bool_member(*body, "restricted", false);
  if (!restricted) return json_failure(restricted.error());
  auto person = update_consent(ctx, ctx.params.at("person"), *channels, *restricted);
  if (!person) return json_failure(person.error());
  JsonWriter w;
  write_person(w, *person);
  return json_response(w.take());
}

Response api_declarations(Context& ctx) { return list_response(visible_declarations(ctx), write_declaration); }

Response api_declaration_post(Context& ctx) {
  auto body = parse_json_fields(ctx.request.body);
  if (!body) return json_failure(body.error());
  auto kind = text_member(*body, "kind", true);
  auto about = text_member(*body, "about", false);
  auto details = text_member(*body, "details", false);
  for (const auto* part : {&kind, &about, &details}) {
    if (!*part) return json_failure(part->error());
  }
  auto made = declare(ctx, *kind, *about, *details);
  if (!made) return json_failure(made.error());
  JsonWriter w;
  write_declaration(w, *made);
  return json_response(w.take(), 201);
}

Response api_declaration_review(Context& ctx) {
  auto id = id_param(ctx);
  if (!id) return json_error(404, "no such declaration");
  auto reviewed = ctx.store.review_declaration(ctx.school->id, *id, ctx.actor());
  if (!reviewed) return json_failure(reviewed.error());
  JsonWriter w;
  write_declaration(w, *reviewed);
  return json_response(w.take());
}

Response api_accounts(Context& ctx) {
  return list_response(ctx.store.official_accounts(ctx.school->id), write_account);
}

Response api_account_post(Context& ctx) {
  auto body = parse_json_fields(ctx.request.body);
  if (!body) return json_failure(body.error());
  store::OfficialAccount account;
  auto platform = text_member(*body, "platform", true);
  auto handle = text_member(*body, "handle", true);
  auto due = text_member(*body, "rotation_due", false);
  auto custodians = list_member(*body, "custodians");
  auto owned = bool_member(*body, "school_owned", true);
  if (!platform) return json_failure(platform.error());
  if (!handle) return json_failure(handle.error());
  if (!due) return json_failure(due.error());
  if (!custodians) return json_failure(custodians.error());
  if (!owned) return json_failure(owned.error());
  if (auto id = body->find("id"); id != body->end()) {
    if (id->second.type != Value::Type::number) return json_error(400, "field id: expected a number", "id");
    account.id = static_cast<std::int64_t>(id->second.number);
  }
  account.platform = *platform, account.handle = *handle, account.rotation_due = *due;
  account.custodians = *custodians, account.school_owned = *owned;
  auto saved = save_account(ctx, account);
  if (!saved) return json_failure(saved.error());
  JsonWriter w;
  write_account(w, *saved);
  return json_response(w.take(), account.id == 0 ? 201 : 200);
}

}  // namespace smpolicy::server
