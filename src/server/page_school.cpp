// Our school: the pack in force, the names and contact details the checks look for, and
// the term dates the proxy reports read. Leaders see them; the Headteacher and the trust
// change them.
#include "policy/policy.hpp"
#include "server/handlers.hpp"
#include "server/html.hpp"
#include "server/respond.hpp"
#include "server/service.hpp"

namespace smpolicy::server {
namespace {

struct ListField {
  std::string_view key, label, hint;
};
constexpr ListField k_fields[] = {
    {"names", "Names the school goes by", "One per line, short forms and aliases included."},
    {"email_domains", "E-mail domains", "One per line, such as school.sch.uk."},
    {"phones", "Phone numbers", "One per line."},
    {"terms", "Term dates", "One term per line as first/last day, such as 2026-09-03/2026-10-23. "
                            "A day outside every term counts as outside working hours. Leave empty if every week is term time."},
};

std::string joined_lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : "\n") + item;
  return out;
}

std::string pack_select(std::string_view chosen) {
  std::string out = "<label for=\"pack\">Policy pack in force</label><select id=\"pack\" name=\"pack\">";
  for (const auto& id : bundled_pack_ids()) {
    out += "<option value=\"" + escape(id) + "\"" + (id == chosen ? " selected" : "") + ">" + escape(id) + "</option>";
  }
  return out + "</select>";
}

std::string settings_form(const Context& ctx, std::string_view pack, const SchoolLists& lists) {
  std::string out = "<form method=\"post\" action=\"/school" + school_suffix(ctx) + "\">" + hidden_fields(ctx) + pack_select(pack);
  for (const ListField& f : k_fields) {
    std::string id(f.key);
    auto found = lists.find(f.key);
    out += "<label for=\"" + id + "\">" + std::string(f.label) + "</label><p class=\"hint\" id=\"" + id + "-hint\">" +
           escape(f.hint) + "</p><textarea id=\"" + id + "\" name=\"" + id + "\" rows=\"3\" aria-describedby=\"" + id +
           "-hint\">" + escape(found == lists.end() ? "" : joined_lines(found->second)) + "</textarea>";
  }
  return out + "<button type=\"submit\">Save</button></form>";
}

std::string settings_list(std::string_view pack, const SchoolLists& lists) {
  std::string out = "<dl><dt>Policy pack in force</dt><dd>" + escape(pack) + "</dd>";
  for (const ListField& f : k_fields) {
    auto found = lists.find(f.key);
    std::string items = found == lists.end() || found->second.empty() ? "none given" : escape(joined_lines(found->second));
    out += "<dt>" + std::string(f.label) + "</dt><dd class=\"lines\">" + items + "</dd>";
  }
  return out + "</dl>";
}

bool may_change(const Context& ctx) { return ctx.roles.overlaps({auth::Role::approver, auth::Role::trust_admin}); }

Response school_page(Context& ctx, std::string before, std::string_view pack, const SchoolLists& lists, int status) {
  std::string body = ok_notice(ctx) + before + (may_change(ctx) ? settings_form(ctx, pack, lists) : settings_list(pack, lists));
  return html_response(page(ctx, "Our school", body), status);
}

}  // namespace

Response page_school(Context& ctx) {
  auto lists = school_lists(*ctx.school);
  if (!lists) return html_response(page(ctx, "Our school", notice("error", lists.error().message)), 500);
  return school_page(ctx, "", ctx.school->pack_id, *lists, 200);
}

// Every list comes from the form (an emptied box empties the list), one item per line.
Response page_school_post(Context& ctx) {
  SchoolChange change;
  if (std::string pack = ctx.form.get("pack"); !pack.empty()) change.pack = pack;
  for (const ListField& f : k_fields) change.lists[std::string(f.key)] = split_list(ctx.form.get(f.key), '\n');
  auto saved = change_school(ctx, change);
  if (!saved) return school_page(ctx, notice("error", saved.error().message), change.pack.value_or(ctx.school->pack_id), change.lists, 400);
  return back_to(ctx, "/school", "saved");
}

}  // namespace smpolicy::server
