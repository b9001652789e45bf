// POST /api/check and /api/contact: a verdict, exactly as `smpolicy check --json` gives it.
#include "server/handlers.hpp"
#include "server/respond.hpp"
#include "server/service.hpp"

namespace smpolicy::server {
namespace {

Response verdict_of(Context& ctx, std::expected<Event, Error> event) {
  if (!event) return json_failure(event.error());
  auto checked = check_event(ctx, *event);
  if (!checked) return json_failure(checked.error());
  std::string out;
  checked->school->renderer->append(out, checked->verdict, *event, checked->findings, JsonDetail::with_detected);
  return json_response(std::move(out));
}

}  // namespace

Response api_check(Context& ctx) {
  auto event = parse_text_line(ctx.request.body, 1);
  if (event && event->kind != Kind::post) {
    return json_error(400, "field kind: /api/check takes a post; use /api/contact for contacts", "kind");
  }
  return verdict_of(ctx, std::move(event));
}

Response api_contact(Context& ctx) {
  return verdict_of(ctx, parse_event_of(ctx.request.body, Kind::contact, 1));
}

}  // namespace smpolicy::server
