// "Our policy": the pack's clauses, searchable, and acknowledging the version in force.
#include "server/handlers.hpp"
#include "server/html.hpp"
#include "server/respond.hpp"
#include "server/service.hpp"

namespace smpolicy::server {

Response page_policy(Context& ctx) {
  auto school = ctx.pipeline();
  if (!school) return html_response(page(ctx, "Our policy", notice("error", school.error().message)), 500);
  const Pack& pack = *(*school)->pack;
  auto ack = own_acknowledgement(ctx, pack);
  std::string q = ctx.query("q");
  std::string body = ok_notice(ctx) + "<p class=\"meta\">" + escape(pack.info.title) + ", version " + escape(pack.info.version) +
                     (pack.info.review_due.empty() ? "" : ", review due " + escape(pack.info.review_due)) + ".</p>";
  if (ack) {
    body += "<p class=\"acknowledged\">You acknowledged this version on " + escape(ack->time.substr(0, 10)) + ".</p>";
  } else {
    body += "<form method=\"post\" action=\"/policy/acknowledge" + school_suffix(ctx) + "\" class=\"acknowledge\">" +
            hidden_fields(ctx) + "<p>Please read the policy, then confirm you have.</p>"
            "<button type=\"submit\">I have read and understood this version</button></form>";
  }
  body += "<form method=\"get\" action=\"/policy\" role=\"search\">" +
          (school_suffix(ctx).empty() ? std::string() : "<input type=\"hidden\" name=\"school\" value=\"" + escape(ctx.school->id) + "\">") +
          "<label for=\"q\">Search the policy</label><input id=\"q\" name=\"q\" type=\"search\" value=\"" + escape(q) +
          "\"><button type=\"submit\">Search</button></form>";
  auto clauses = search_clauses(pack, q);
  body += "<p class=\"count\" aria-live=\"polite\">" + std::to_string(clauses.size()) + " of " +
          std::to_string(pack.clauses.size()) + " clauses</p><dl class=\"clauses\">";
  for (const Clause* c : clauses) {
    body += "<dt id=\"clause-" + escape(c->id) + "\">" + escape(c->id) + (c->section.empty() ? "" : " · " + escape(c->section)) +
            "</dt><dd>" + escape(c->says) + "</dd>";
  }
  return html_response(page(ctx, "Our policy", body + "</dl>"));
}

Response page_acknowledge(Context& ctx) {
  auto school = ctx.pipeline();
  if (!school) return html_response(page(ctx, "Our policy", notice("error", school.error().message)), 500);
  const Pack& pack = *(*school)->pack;
  auto saved = ctx.store.acknowledge(ctx.school->id, {acknowledger(ctx), pack.info.id, pack.info.version, ""}, ctx.actor());
  if (!saved) return html_response(page(ctx, "Our policy", notice("error", saved.error().message)), 500);
  return back_to(ctx, "/policy", "acknowledged");
}

}  // namespace smpolicy::server
