// The people register with roster import, and photo consents with the restricted list.
#include "server/handlers.hpp"
#include "server/html.hpp"
#include "server/respond.hpp"
#include "server/service.hpp"

namespace smpolicy::server {
namespace {

std::string full_name(const Person& p) {
  return p.given_name + (p.preferred_name.empty() ? "" : " (" + p.preferred_name + ")") + " " + p.family_name;
}

std::string consent_words(const Person& p) {
  if (!p.consent_known) return "not recorded";
  if (p.photo_consent.empty()) return "none";
  std::string out;
  for (const auto& c : p.photo_consent) out += (out.empty() ? "" : ", ") + c;
  return out;
}

std::string import_form(const Context& ctx) {
  return "<h2>Import a roster</h2><form method=\"post\" action=\"/people/import" + school_suffix(ctx) +
         "\" enctype=\"multipart/form-data\" class=\"import\">" + hidden_fields(ctx) +
         "<label for=\"roster\">Roster file (CSV: id, role, given_name, family_name, …)</label>"
         "<input id=\"roster\" name=\"roster\" type=\"file\" accept=\".csv,text/csv\" required>"
         "<label class=\"inline\"><input type=\"checkbox\" name=\"commit\" value=\"true\"> Import it now if every row is good "
         "(otherwise you see a preview first)</label><button type=\"submit\">Check the file</button></form>";
}

std::string people_table(const std::vector<Person>& people) {
  std::string out = "<table><caption>" + std::to_string(people.size()) +
                    " people</caption><thead><tr><th scope=\"col\">Id</th><th scope=\"col\">Name</th><th scope=\"col\">Role</th>"
                    "<th scope=\"col\">Year</th><th scope=\"col\">Photo consent</th><th scope=\"col\">Restricted</th></tr></thead><tbody>";
  for (const Person& p : people) {
    out += "<tr><td>" + escape(p.id) + "</td><td>" + escape(full_name(p)) + "</td><td>" + std::string(name_of(p.role)) +
           "</td><td>" + escape(p.year_group) + "</td><td>" + escape(consent_words(p)) + "</td><td>" +
           (p.restricted ? "<strong>restricted</strong>" : "") + "</td></tr>";
  }
  return out + "</tbody></table>";
}

Response people_page(Context& ctx, std::string before, int status) {
  auto people = ctx.store.people(ctx.school->id);
  if (!people) return html_response(page(ctx, "People", notice("error", people.error().message)), 500);
  bool writes = ctx.roles.overlaps({auth::Role::approver, auth::Role::publisher, auth::Role::trust_admin});
  return html_response(page(ctx, "People", ok_notice(ctx) + before + (writes ? import_form(ctx) : "") + people_table(*people)),
                       status);
}

std::string preview_html(const ImportResult& result) {
  const auto& p = result.preview;
  std::string out = "<section class=\"preview\"><h2>" + escape(p.source) + "</h2><p>" + std::to_string(p.people.size()) +
                    " good rows: " + std::to_string(p.added) + " new, " + std::to_string(p.updated) + " updated, " +
                    std::to_string(p.unchanged) + " unchanged.</p>";
  if (!p.bad_rows.empty()) {
    out += "<div role=\"alert\"><p><strong>" + std::to_string(p.bad_rows.size()) +
           " bad rows: nothing was imported.</strong> Fix them and import the file again.</p><ul class=\"bad-rows\">";
    for (const Error& e : p.bad_rows) out += "<li>" + escape(e.message) + "</li>";
    out += "</ul></div>";
  } else if (!result.committed) {
    out += "<p>Every row is good. Tick “Import it now” and send the file again to import it.</p>";
  }
  return out + "</section>";
}

std::string consent_row(const Context& ctx, const Person& p) {
  std::string boxes;
  for (const char* channel : {"print", "website", "social"}) {
    bool on = std::find(p.photo_consent.begin(), p.photo_consent.end(), channel) != p.photo_consent.end();
    boxes += "<label class=\"inline\"><input type=\"checkbox\" name=\"channels\" value=\"" + std::string(channel) + "\"" +
             (on ? " checked" : "") + "> " + channel + "</label>";
  }
  return "<tr><th scope=\"row\">" + escape(full_name(p)) + "<br><small>" + escape(p.id) + "</small></th><td>" +
         escape(consent_words(p)) + "</td><td><form method=\"post\" action=\"/consents" + school_suffix(ctx) +
         "\" class=\"consent\" aria-label=\"Consent for " + escape(full_name(p)) + "\">" + hidden_fields(ctx) +
         "<input type=\"hidden\" name=\"person\" value=\"" + escape(p.id) + "\">" + boxes +
         "<label class=\"inline\"><input type=\"checkbox\" name=\"restricted\" value=\"true\"" + (p.restricted ? " checked" : "") +
         "> restricted</label><button type=\"submit\">Save</button></form></td></tr>";
}

}  // namespace

Response page_people(Context& ctx) { return people_page(ctx, "", 200); }

Response page_people_import(Context& ctx) {
  std::string csv = ctx.form.file_content.empty() ? ctx.form.get("csv") : ctx.form.file_content;
  std::string name = ctx.form.file_name.empty() ? "pasted roster" : ctx.form.file_name;
  if (csv.empty()) return people_page(ctx, notice("error", "Choose a roster file first."), 400);
  auto result = import_roster(ctx, csv, name, ctx.form.get("commit") == "true");
  if (!result) return people_page(ctx, notice("error", result.error().message), 400);
  if (result->committed) return back_to(ctx, "/people", "imported");
  return people_page(ctx, preview_html(*result), result->preview.bad_rows.empty() ? 200 : 400);
}

Response page_consents(Context& ctx) {
  auto people = ctx.store.people(ctx.school->id);
  if (!people) return html_response(page(ctx, "Photo consents", notice("error", people.error().message)), 500);
  bool writes = ctx.roles.overlaps({auth::Role::approver, auth::Role::publisher, auth::Role::trust_admin});
  std::string body = ok_notice(ctx) +
                     "<p>Which channels each pupil's parents agreed to, and who must never appear in anything the school "
                     "publishes (the restricted list).</p><table><thead><tr><th scope=\"col\">Pupil</th><th scope=\"col\">Consent"
                     "</th><th scope=\"col\">" + std::string(writes ? "Change" : "Restricted") + "</th></tr></thead><tbody>";
  for (const Person& p : *people) {
    if (p.role != Role::pupil) continue;
    body += writes ? consent_row(ctx, p)
                   : "<tr><th scope=\"row\">" + escape(full_name(p)) + "</th><td>" + escape(consent_words(p)) + "</td><td>" +
                         (p.restricted ? "restricted" : "") + "</td></tr>";
  }
  return html_response(page(ctx, "Photo consents", body + "</tbody></table>"));
}

Response page_consent_post(Context& ctx) {
  auto person = update_consent(ctx, ctx.form.get("person"), ctx.form.values("channels"), ctx.form.get("restricted") == "true");
  if (!person) {
    return html_response(page(ctx, "Photo consents", notice("error", person.error().message) +
                                                         "<p><a href=\"/consents" + school_suffix(ctx) + "\">Back</a></p>"),
                         person.error().code == ErrorCode::not_found ? 404 : 400);
  }
  return back_to(ctx, "/consents", "saved");
}

}  // namespace smpolicy::server
