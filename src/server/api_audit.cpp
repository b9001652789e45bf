// The audit log for leaders, kept reports for IT, and the OpenAPI description.
#include <charconv>

#include "server/handlers.hpp"
#include "server/records_json.hpp"
#include "server/service.hpp"

namespace smpolicy::server {
namespace {

constexpr std::int64_t k_audit_page = 200;

std::optional<std::int64_t> positive(std::string_view text) {
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

void write_report(JsonWriter& w, const store::KeptReport& r, bool with_summary) {
  w.begin_object().field("id", r.id).field("title", r.title).field("uploaded_by", r.uploaded_by).field("time", r.time);
  if (with_summary) w.key("report").raw(r.summary_json);
  w.end_object();
}

}  // namespace

// The newest entries first, a page at a time (?before=SEQ).
Response api_audit(Context& ctx) {
  auto entries = ctx.store.newest_audit_entries(ctx.school->id, k_audit_page, positive(ctx.query("before")).value_or(0));
  if (!entries) return json_failure(entries.error());
  JsonWriter w;
  w.begin_array();
  for (const auto& entry : *entries) write_audit_entry(w, entry);
  w.end_array();
  return json_response(w.take());
}

Response api_audit_verify(Context& ctx) {
  auto check = store::check_audit(ctx.store, ctx.query("head"));
  if (!check) return json_failure(check.error());
  JsonWriter w;
  w.begin_object().field("intact", check->intact).field("entries", check->entries);
  if (!check->intact) w.field("broken_at", check->broken_at).field("why", check->why);
  if (check->intact && check->head_seq > 0) {
    w.field("head", std::to_string(check->head_seq) + ":" + check->head_hash);
  }
  w.end_object();
  return json_response(w.take());
}

Response api_monitor_upload(Context& ctx) {
  std::string title = ctx.query("title").empty() ? "uploaded log" : ctx.query("title");
  auto kept = keep_log_report(ctx, ctx.request.body, title);
  if (!kept) return json_failure(kept.error());
  JsonWriter w;
  write_report(w, *kept, true);
  return json_response(w.take(), 201);
}

Response api_reports(Context& ctx) {
  auto all = ctx.store.reports(ctx.school->id);
  if (!all) return json_failure(all.error());
  JsonWriter w;
  w.begin_array();
  for (const auto& r : *all) write_report(w, r, false);
  w.end_array();
  return json_response(w.take());
}

Response api_report(Context& ctx) {
  auto id = positive(ctx.params.at("id"));
  if (!id) return json_error(404, "no such report");
  auto found = ctx.store.find_report(ctx.school->id, *id);
  if (!found) return json_failure(found.error());
  if (!*found) return json_error(404, "no such report");
  JsonWriter w;
  write_report(w, **found, true);
  return json_response(w.take());
}

Response api_openapi(Context&) {
  auto text = embedded_file("docs/openapi.json");
  if (!text) return json_error(404, "this build carries no OpenAPI description");
  Response r = json_response(std::string(*text));
  r.headers.emplace_back("Cache-Control", "public, max-age=3600");
  return r;
}

}  // namespace smpolicy::server
