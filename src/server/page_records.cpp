// Declarations and official accounts.
#include <charconv>

#include "server/handlers.hpp"
#include "server/html.hpp"
#include "server/respond.hpp"
#include "server/service.hpp"

namespace smpolicy::server {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 6> k_kinds = {{
    {"employment_reference", "My profile names the school as my employer"},
    {"relationship_pupil", "I know a pupil outside school (family, club, neighbour)"},
    {"relationship_parent", "I know a parent outside school"},
    {"staff_parent", "I am a parent of a pupil here"},
    {"online_friendship", "An online friendship from before this job or policy"},
    {"other", "Something else"},
}};

std::string declaration_form(const Context& ctx) {
  std::string options;
  for (const auto& [value, label] : k_kinds) options += "<option value=\"" + std::string(value) + "\">" + std::string(label) + "</option>";
  return "<h2>Make a declaration</h2><form method=\"post\" action=\"/declarations" + school_suffix(ctx) + "\">" +
         hidden_fields(ctx) + "<label for=\"kind\">What are you declaring?</label><select id=\"kind\" name=\"kind\">" + options +
         "</select><label for=\"about\">Who or what it is about</label><input id=\"about\" name=\"about\" "
         "placeholder=\"a name, or a site such as LinkedIn\"><label for=\"details\">Details</label>"
         "<textarea id=\"details\" name=\"details\" rows=\"3\"></textarea><button type=\"submit\">Declare</button></form>";
}

std::string declaration_row(const Context& ctx, const store::Declaration& d, bool can_review) {
  std::string review = d.reviewed.empty() ? "not yet" : "by " + escape(d.reviewed_by) + ", " + escape(d.reviewed.substr(0, 10));
  if (d.reviewed.empty() && can_review) {
    review = "<form method=\"post\" action=\"/declarations/" + std::to_string(d.id) + "/review" + school_suffix(ctx) + "\">" +
             hidden_fields(ctx) + "<button type=\"submit\">Mark reviewed</button></form>";
  }
  return "<tr><td>" + escape(d.declared.substr(0, 10)) + "</td><td>" + escape(d.staff_id) + "</td><td>" +
         std::string(store::name_of(d.kind)) + "</td><td>" + escape(d.about) + "</td><td>" + escape(d.details) + "</td><td>" +
         review + "</td></tr>";
}

std::string account_form(const Context& ctx) {
  return "<h2>Add an official account</h2><form method=\"post\" action=\"/accounts" + school_suffix(ctx) + "\">" +
         hidden_fields(ctx) +
         "<label for=\"platform\">Platform</label><input id=\"platform\" name=\"platform\" required>"
         "<label for=\"handle\">Handle</label><input id=\"handle\" name=\"handle\" required placeholder=\"@ourschool\">"
         "<label class=\"inline\"><input type=\"checkbox\" name=\"school_owned\" value=\"true\" checked> Registered to a school "
         "address</label><label for=\"custodians\">Who holds the credentials (roster ids, comma-separated)</label>"
         "<input id=\"custodians\" name=\"custodians\"><label for=\"due\">Change the password by</label>"
         "<input id=\"due\" name=\"rotation_due\" type=\"date\"><button type=\"submit\">Save account</button></form>";
}

Response declarations_page(Context& ctx, std::string before, int status) {
  auto rows = visible_declarations(ctx);
  if (!rows) return html_response(page(ctx, "Declarations", notice("error", rows.error().message)), 500);
  bool can_review = ctx.has(auth::Role::approver) || ctx.has(auth::Role::dsl);
  std::string table = "<h2>" + std::string(sees_all_declarations(ctx) ? "All declarations" : "Your declarations") +
                      "</h2><table><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Who</th><th scope=\"col\">Kind</th>"
                      "<th scope=\"col\">About</th><th scope=\"col\">Details</th><th scope=\"col\">Reviewed</th></tr></thead><tbody>";
  for (const auto& d : *rows) table += declaration_row(ctx, d, can_review);
  return html_response(page(ctx, "Declarations", ok_notice(ctx) + before + declaration_form(ctx) + table + "</tbody></table>"),
                       status);
}

}  // namespace

Response page_declarations(Context& ctx) { return declarations_page(ctx, "", 200); }

Response page_declaration_post(Context& ctx) {
  auto made = declare(ctx, ctx.form.get("kind"), ctx.form.get("about"), ctx.form.get("details"));
  if (!made) return declarations_page(ctx, notice("error", made.error().message), 400);
  return back_to(ctx, "/declarations", "declared");
}

Response page_declaration_review(Context& ctx) {
  std::int64_t id = 0;
  const std::string& text = ctx.params.at("id");
  std::from_chars(text.data(), text.data() + text.size(), id);
  auto done = ctx.store.review_declaration(ctx.school->id, id, ctx.actor());
  if (!done) return declarations_page(ctx, notice("error", done.error().message), done.error().code == ErrorCode::not_found ? 404 : 400);
  return back_to(ctx, "/declarations", "reviewed");
}

Response page_accounts(Context& ctx) {
  auto accounts = ctx.store.official_accounts(ctx.school->id);
  if (!accounts) return html_response(page(ctx, "Official accounts", notice("error", accounts.error().message)), 500);
  std::string body = ok_notice(ctx) + "<table><thead><tr><th scope=\"col\">Platform</th><th scope=\"col\">Handle</th>"
                     "<th scope=\"col\">School-owned</th><th scope=\"col\">Custodians</th><th scope=\"col\">Password change due</th>"
                     "</tr></thead><tbody>";
  for (const auto& a : *accounts) {
    std::string custodians;
    for (const auto& c : a.custodians) custodians += (custodians.empty() ? "" : ", ") + escape(c);
    body += "<tr><td>" + escape(a.platform) + "</td><td>" + escape(a.handle) + "</td><td>" + (a.school_owned ? "yes" : "<strong>no</strong>") +
            "</td><td>" + custodians + "</td><td>" + escape(a.rotation_due) + "</td></tr>";
  }
  body += "</tbody></table>";
  if (ctx.roles.overlaps({auth::Role::approver, auth::Role::publisher, auth::Role::trust_admin})) body += account_form(ctx);
  return html_response(page(ctx, "Official accounts", body));
}

Response page_account_post(Context& ctx) {
  store::OfficialAccount account;
  account.platform = ctx.form.get("platform");
  account.handle = ctx.form.get("handle");
  account.school_owned = ctx.form.get("school_owned") == "true";
  account.custodians = split_list(ctx.form.get("custodians"), ',');
  account.rotation_due = ctx.form.get("rotation_due");
  auto saved = save_account(ctx, account);
  if (!saved) return html_response(page(ctx, "Official accounts", notice("error", saved.error().message) + account_form(ctx)), 400);
  return back_to(ctx, "/accounts", "account");
}

}  // namespace smpolicy::server
