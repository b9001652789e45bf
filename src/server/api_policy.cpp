// /api/policy: the pack in force, searchable, and acknowledging it.
#include "server/handlers.hpp"
#include "server/respond.hpp"
#include "server/service.hpp"

namespace smpolicy::server {

Response api_policy(Context& ctx) {
  auto school = ctx.pipeline();
  if (!school) return json_failure(school.error());
  const Pack& pack = *(*school)->pack;
  auto ack = own_acknowledgement(ctx, pack);
  JsonWriter w;
  w.begin_object()
      .field("id", pack.info.id)
      .field("title", pack.info.title)
      .field("version", pack.info.version)
      .field("approved_on", pack.info.approved_on)
      .field("review_due", pack.info.review_due)
      .field("acknowledged", ack ? ack->time : std::string());
  w.key("clauses").begin_array();
  for (const Clause* c : search_clauses(pack, ctx.query("q"))) {
    w.begin_object().field("id", c->id).field("section", c->section).field("says", c->says).end_object();
  }
  w.end_array().end_object();
  return json_response(w.take());
}

Response api_acknowledge(Context& ctx) {
  auto school = ctx.pipeline();
  if (!school) return json_failure(school.error());
  const Pack& pack = *(*school)->pack;
  store::Acknowledgement ack{acknowledger(ctx), pack.info.id, pack.info.version, ""};
  auto saved = ctx.store.acknowledge(ctx.school->id, ack, ctx.actor());
  if (!saved) return json_failure(saved.error());
  JsonWriter w;
  w.begin_object().field("person", saved->person_id).field("pack", saved->pack_id)
      .field("version", saved->pack_version).field("time", saved->time).end_object();
  return json_response(w.take());
}

Response api_acknowledgements(Context& ctx) {
  auto all = ctx.store.acknowledgements(ctx.school->id);
  if (!all) return json_failure(all.error());
  JsonWriter w;
  w.begin_array();
  for (const auto& a : *all) {
    w.begin_object().field("person", a.person_id).field("pack", a.pack_id)
        .field("version", a.pack_version).field("time", a.time).end_object();
  }
  w.end_array();
  return json_response(w.take());
}

}  // namespace smpolicy::server
