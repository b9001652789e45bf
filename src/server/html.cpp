#include "server/html.hpp"

#include <array>

namespace smpolicy::server {
namespace {

struct NavItem {
  std::string_view path, label;
  auth::RoleSet roles;
};

using auth::Role;
const std::array<NavItem, 10> k_nav = {{
    {"/check", "Check a post", auth::RoleSet::everyone()},
    {"/contact", "Ask about a contact", auth::RoleSet::everyone()},
    {"/policy", "Our policy", auth::RoleSet::everyone()},
    {"/declarations", "Declarations", auth::RoleSet::everyone()},
    {"/people", "People", {Role::approver, Role::dsl, Role::publisher, Role::trust_admin}},
    {"/consents", "Photo consents", {Role::approver, Role::dsl, Role::publisher, Role::trust_admin}},
    {"/accounts", "Official accounts", {Role::approver, Role::publisher, Role::it, Role::governor, Role::trust_admin}},
    {"/reports", "Proxy reports", {Role::it, Role::approver, Role::trust_admin}},
    {"/audit", "Audit log", {Role::approver, Role::dsl, Role::governor, Role::trust_admin}},
    {"/school", "Our school", {Role::approver, Role::dsl, Role::governor, Role::trust_admin}},
}};

std::string_view outcome_words(Outcome outcome) {
  switch (outcome) {
    case Outcome::allow: return "Yes, you may";
    case Outcome::advise: return "Yes, with care";
    case Outcome::needs_permission: return "Ask first";
    case Outcome::breach: return "No: this would break the policy";
  }
  return "";
}

// The event's text with each text finding wrapped in <mark>, numbered as listed.
std::string marked(const std::string& text, const std::vector<Finding>& findings) {
  std::string out;
  std::size_t at = 0;
  int n = 0;
  for (const Finding& f : findings) {
    if (f.field != "text" || f.begin < at || f.end > text.size()) continue;
    ++n;
    out += escape(std::string_view(text).substr(at, f.begin - at));
    out += "<mark title=\"" + escape(f.kind) + "\">" + escape(std::string_view(text).substr(f.begin, f.end - f.begin)) +
           "<sup>" + std::to_string(n) + "</sup></mark>";
    at = f.end;
  }
  out += escape(std::string_view(text).substr(at));
  return out;
}

std::string detected_list(const std::vector<Finding>& findings) {
  std::string out;
  int n = 0;
  for (const Finding& f : findings) {
    if (f.field != "text") continue;
    ++n;
    out += "<li value=\"" + std::to_string(n) + "\"><span class=\"kind\">" + escape(f.kind) + "</span>" +
           (f.detail.empty() ? "" : " " + escape(f.detail)) + " (" +
           std::to_string(static_cast<int>(f.confidence * 100 + 0.5f)) + "% sure)</li>";
  }
  return out.empty() ? "" : "<ol class=\"detected\">" + out + "</ol>";
}

}  // namespace

std::string escape(std::string_view text) { return escape_html(text); }

std::string school_suffix(const Context& ctx) {
  if (!ctx.school || ctx.school->id == ctx.user().school_id) return "";
  return "?school=" + escape(ctx.school->id);
}

std::string hidden_fields(const Context& ctx) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(ctx.csrf()) + "\">";
}

std::string notice(std::string_view kind, std::string_view text) {
  std::string role = kind == "error" ? "alert" : "status";
  return "<p class=\"notice " + std::string(kind) + "\" role=\"" + role + "\">" + escape(text) + "</p>";
}

std::string page(const Context& ctx, std::string_view title, std::string_view body) {
  std::string nav;
  std::string suffix = school_suffix(ctx);
  for (const NavItem& item : k_nav) {
    if (!ctx.roles.overlaps(item.roles)) continue;
    bool here = ctx.request.path == item.path;
    nav += "<li><a href=\"" + std::string(item.path) + suffix + "\"" + (here ? " aria-current=\"page\"" : "") + ">" +
           std::string(item.label) + "</a></li>";
  }
  std::string school = ctx.school ? escape(ctx.school->name) : "";
  return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>" + escape(title) + " · smpolicy</title>"
         "<link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/static/app.css\"><script src=\"/static/app.js\" defer></script></head><body>"
         "<a class=\"skip\" href=\"#main\">Skip to content</a>"
         "<header><a class=\"brand\" href=\"/" + suffix + "\">smpolicy</a> <span class=\"school\">" + school + "</span>"
         "<form class=\"signout\" method=\"post\" action=\"/logout\">" + hidden_fields(ctx) +
         "<span class=\"who\">" + escape(ctx.user().display_name.empty() ? ctx.user().username : ctx.user().display_name) +
         "</span> <button type=\"submit\">Sign out</button></form>"
         "<nav aria-label=\"Main\"><ul>" + nav + "</ul></nav></header>"
         "<main id=\"main\"><h1>" + escape(title) + "</h1>" + std::string(body) + "</main></body></html>";
}

std::string verdict_html(const Checked& checked, const Event& event) {
  const Verdict& v = checked.verdict;
  std::string out = "<section class=\"verdict " + std::string(name_of(v.outcome)) + "\" aria-live=\"polite\">"
                    "<h2 class=\"outcome\">" + std::string(outcome_words(v.outcome)) + "</h2>";
  const auto& spec = spec_of(event.kind);
  if (spec.slot("text") >= 0 && !event.field("text").text.empty()) {
    out += "<figure><figcaption>Your text, with what we found marked</figcaption><blockquote class=\"marked\">" +
           marked(event.field("text").text, checked.findings) + "</blockquote></figure>" + detected_list(checked.findings);
  }
  out += "<h3>Why</h3><ul class=\"reasons\">";
  for (const VerdictFinding& f : v.findings) {
    out += "<li class=\"" + std::string(name_of(f.rule->outcome)) + "\"><p>" + escape(f.rule->message) + "</p>";
    if (!f.rule->advice.empty()) out += "<p class=\"advice\"><strong>Instead:</strong> " + escape(f.rule->advice) + "</p>";
    out += "<p class=\"clauses\">Policy clause";
    out += f.rule->clauses.size() == 1 ? " " : "s ";
    for (std::size_t i = 0; i < f.rule->clauses.size(); ++i) {
      const Clause* clause = v.pack->clause(f.rule->clauses[i]);
      out += (i ? ", " : "") + std::string("<a href=\"/policy#clause-") + escape(f.rule->clauses[i]) + "\"" +
             (clause ? " title=\"" + escape(clause->says) + "\"" : "") + ">" + escape(f.rule->clauses[i]) + "</a>";
    }
    out += "</p></li>";
  }
  out += "</ul>";
  if (!v.duties.empty()) {
    out += "<h3>What happens next</h3><ul class=\"duties\">";
    for (const VerdictDuty& d : v.duties) out += "<li>" + escape(describe_duty(*d.duty, *v.pack)) + "</li>";
    out += "</ul>";
  }
  return out + "</section>";
}

}  // namespace smpolicy::server

#include "server/request_parts.hpp"
#include "server/respond.hpp"

namespace smpolicy::server {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 7> k_messages = {{
    {"saved", "Saved."},
    {"imported", "The roster was imported."},
    {"acknowledged", "Thank you: your acknowledgement is recorded."},
    {"declared", "Your declaration is recorded and your Headteacher can see it."},
    {"reviewed", "Marked as reviewed."},
    {"uploaded", "The log was read and its report is kept below."},
    {"account", "The official account is saved."},
}};

std::string words(std::string_view field) {
  std::string out(field.substr(field.rfind('.') + 1));
  for (char& c : out) c = c == '_' ? ' ' : c;
  return out;
}

}  // namespace

std::string choice_select(Kind kind, std::string_view field, std::string_view label, std::string_view chosen,
                          bool optional) {
  const auto& spec = spec_of(kind);
  int slot = spec.slot(field);
  std::string id = "f-" + words(field);
  for (char& c : id) c = c == ' ' ? '-' : c;
  std::string out = "<label for=\"" + id + "\">" + escape(label) + "</label><select id=\"" + id + "\" name=\"" +
                    escape(field) + "\">";
  if (optional) out += "<option value=\"\">(not sure)</option>";
  if (slot >= 0) {
    for (std::string_view choice : spec.fields[static_cast<std::size_t>(slot)].choices) {
      out += "<option value=\"" + escape(choice) + "\"" + (choice == chosen ? " selected" : "") + ">" +
             escape(words(choice)) + "</option>";
    }
  }
  return out + "</select>";
}

Response back_to(const Context& ctx, std::string_view path, std::string_view message_key) {
  std::string location(path);
  location += "?ok=" + url_encode(message_key);
  if (ctx.school && ctx.school->id != ctx.user().school_id) location += "&school=" + url_encode(ctx.school->id);
  return redirect(location);
}

std::string ok_notice(const Context& ctx) {
  std::string key = ctx.query("ok");
  for (const auto& [k, text] : k_messages) {
    if (k == key) return notice("ok", text);
  }
  return "";
}

}  // namespace smpolicy::server
