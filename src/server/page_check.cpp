// "May I post this?" and "may I accept this?": a form, and the verdict under it.
#include "server/handlers.hpp"
#include "server/html.hpp"
#include "server/respond.hpp"
#include "server/service.hpp"

namespace smpolicy::server {
namespace {

constexpr std::size_t k_max_post = 20000;

std::string check_form(const Context& ctx, std::string_view text, std::string_view audience,
                       std::string_view platform) {
  return "<form method=\"post\" action=\"/check" + school_suffix(ctx) + "\" class=\"check\">" + hidden_fields(ctx) +
         "<label for=\"text\">Your draft post</label>"
         "<textarea id=\"text\" name=\"text\" rows=\"6\" maxlength=\"" + std::to_string(k_max_post) +
         "\" required aria-describedby=\"text-help\">" + escape(text) + "</textarea>"
         "<p id=\"text-help\" class=\"help\">Nothing you type here is kept.</p>"
         "<div class=\"row\">" + choice_select(Kind::post, "audience", "Who will see it", audience.empty() ? "public" : audience, false) +
         "<label for=\"platform\">Platform</label><input id=\"platform\" name=\"platform\" value=\"" + escape(platform) +
         "\" placeholder=\"e.g. facebook\"></div>"
         "<button type=\"submit\">Check my post</button></form>";
}

std::string contact_form(const Context& ctx, const Form& f) {
  return "<form method=\"post\" action=\"/contact" + school_suffix(ctx) + "\" class=\"contact\">" + hidden_fields(ctx) +
         choice_select(Kind::contact, "action", "What happened", f.get("action"), false) +
         choice_select(Kind::contact, "counterpart.role", "Who is it", f.get("counterpart.role"), false) +
         "<label for=\"platform\">Platform</label><input id=\"platform\" name=\"platform\" value=\"" +
         escape(f.get("platform")) + "\" placeholder=\"e.g. instagram\">" +
         choice_select(Kind::contact, "counterpart.school", "Their school", f.get("counterpart.school"), true) +
         "<label for=\"age\">Their age, if you know it</label><input id=\"age\" name=\"counterpart.age\" inputmode=\"numeric\" value=\"" +
         escape(f.get("counterpart.age")) + "\">"
         "<label for=\"left\">If a former pupil: when they left</label><input id=\"left\" name=\"counterpart.left_on\" type=\"date\" value=\"" +
         escape(f.get("counterpart.left_on")) + "\">"
         "<label class=\"inline\"><input type=\"checkbox\" name=\"counterpart.related_to_staff\" value=\"true\"" +
         (f.get("counterpart.related_to_staff") == "true" ? " checked" : "") + "> They are family of mine</label>"
         "<button type=\"submit\">What should I do?</button></form>";
}

}  // namespace

Response page_check_get(Context& ctx) {
  return html_response(page(ctx, "Check a post", check_form(ctx, "", "", "")));
}

Response page_check_post(Context& ctx) {
  std::string text = ctx.form.get("text");
  std::string body = check_form(ctx, text, ctx.form.get("audience"), ctx.form.get("platform"));
  if (text.empty()) return html_response(page(ctx, "Check a post", notice("error", "Type or paste your post first.") + body), 400);
  Event post = post_of_text(text);
  for (const char* field : {"audience", "platform"}) {
    if (auto v = ctx.form.get(field); !v.empty()) {
      if (auto ok = set_field(post, field, v); !ok) {
        return html_response(page(ctx, "Check a post", notice("error", ok.error().message) + body), 400);
      }
    }
  }
  auto checked = check_event(ctx, post);
  if (!checked) return html_response(page(ctx, "Check a post", notice("error", checked.error().message) + body), 500);
  return html_response(page(ctx, "Check a post", body + verdict_html(*checked, post)));
}

Response page_contact_get(Context& ctx) {
  return html_response(page(ctx, "Ask about a contact", contact_form(ctx, ctx.form)));
}

Response page_contact_post(Context& ctx) {
  std::string body = contact_form(ctx, ctx.form);
  Event contact = make_event(Kind::contact);
  for (const char* field : {"action", "counterpart.role", "platform", "counterpart.school", "counterpart.age",
                            "counterpart.left_on", "counterpart.related_to_staff"}) {
    std::string v = ctx.form.get(field);
    if (v.empty()) continue;
    if (auto ok = set_field(contact, field, v); !ok) {
      return html_response(page(ctx, "Ask about a contact", notice("error", ok.error().message) + body), 400);
    }
  }
  auto checked = check_event(ctx, contact);
  if (!checked) return html_response(page(ctx, "Ask about a contact", notice("error", checked.error().message) + body), 500);
  return html_response(page(ctx, "Ask about a contact", body + verdict_html(*checked, contact)));
}

}  // namespace smpolicy::server
