// The audit log for leaders, and proxy-log reports for IT.
#include <charconv>

#include "server/handlers.hpp"
#include "server/html.hpp"
#include "server/respond.hpp"
#include "server/service.hpp"

namespace smpolicy::server {
namespace {

constexpr std::int64_t k_audit_rows = 200;

std::string upload_form(const Context& ctx) {
  return "<h2>Read a proxy log</h2><form method=\"post\" action=\"/reports" + school_suffix(ctx) +
         "\" enctype=\"multipart/form-data\">" + hidden_fields(ctx) +
         "<label for=\"log\">Squid or e2guardian access log (plain or .gz)</label><input id=\"log\" name=\"log\" type=\"file\" required>"
         "<button type=\"submit\">Read the log</button></form>";
}

Response reports_page(Context& ctx, std::string before, int status) {
  auto kept = ctx.store.reports(ctx.school->id);
  if (!kept) return html_response(page(ctx, "Proxy reports", notice("error", kept.error().message)), 500);
  std::string body = ok_notice(ctx) + before + (ctx.has(auth::Role::it) ? upload_form(ctx) : "") + "<h2>Kept reports</h2><ul class=\"reports\">";
  for (const auto& r : *kept) {
    body += "<li><a href=\"/reports/" + std::to_string(r.id) + school_suffix(ctx) + "\">" + escape(r.title) + "</a> — read " +
            escape(r.time.substr(0, 16)) + " by " + escape(r.uploaded_by) + "</li>";
  }
  if (kept->empty()) body += "<li>None yet.</li>";
  return html_response(page(ctx, "Proxy reports", body + "</ul>"), status);
}

// Walking the whole chain reads every entry of every school, so the page does it only when
// asked (?verify=1), and otherwise offers the button. A head noted from an earlier check
// (?head=SEQ:HASH) is checked too, so entries removed from the end show.
std::string chain_form(Context& ctx) {
  std::string school = ctx.query("school").empty() ? std::string()
      : "<input type=\"hidden\" name=\"school\" value=\"" + escape(ctx.query("school")) + "\">";
  return "<form method=\"get\" action=\"/audit\">" + school +
         "<input type=\"hidden\" name=\"verify\" value=\"1\"><label for=\"head\">Head noted at an earlier check "
         "(optional)</label><input id=\"head\" name=\"head\" value=\"" + escape(ctx.query("head")) +
         "\" autocomplete=\"off\" spellcheck=\"false\"><button type=\"submit\">Check the whole chain</button></form>";
}

std::string chain_notice(Context& ctx) {
  if (ctx.query("verify") != "1") return chain_form(ctx);
  auto check = store::check_audit(ctx.store, ctx.query("head"));
  if (!check) return notice("error", "The chain cannot be checked: " + check.error().message) + chain_form(ctx);
  if (!check->intact) {
    return notice("error", "The chain is broken at entry " + std::to_string(check->broken_at) + ": " + check->why);
  }
  std::string held = ctx.query("head").empty() ? "" : " It still holds the head noted before.";
  return notice("ok", "The whole chain of " + std::to_string(check->entries) + " entries is intact." + held) +
         "<p class=\"hint\">Note its head outside smpolicy (print it, e-mail it to the governors) and enter it at the "
         "next check: <code>" + std::to_string(check->head_seq) + ":" + check->head_hash + "</code></p>";
}

}  // namespace

Response page_audit(Context& ctx) {
  auto entries = ctx.store.newest_audit_entries(ctx.school->id, k_audit_rows, 0);
  if (!entries) return html_response(page(ctx, "Audit log", notice("error", "the audit log cannot be read")), 500);
  std::string body = chain_notice(ctx);
  body += "<table><caption>The newest " + std::to_string(entries->size()) +
          " entries</caption><thead><tr><th scope=\"col\">#</th><th scope=\"col\">Time</th><th scope=\"col\">Who</th>"
          "<th scope=\"col\">Did</th><th scope=\"col\">To</th><th scope=\"col\">Details</th></tr></thead><tbody>";
  for (const auto& e : *entries) {
    body += "<tr><td>" + std::to_string(e.seq) + "</td><td>" + escape(e.time) + "</td><td>" + escape(e.actor) + "</td><td>" +
            escape(e.action) + "</td><td>" + escape(e.subject) + "</td><td><code>" + escape(e.details_json) + "</code></td></tr>";
  }
  return html_response(page(ctx, "Audit log", body + "</tbody></table>"));
}

Response page_reports(Context& ctx) { return reports_page(ctx, "", 200); }

Response page_report_upload(Context& ctx) {
  if (ctx.form.file_content.empty()) return reports_page(ctx, notice("error", "Choose a log file first."), 400);
  auto kept = keep_log_report(ctx, ctx.form.file_content, ctx.form.file_name.empty() ? "uploaded log" : ctx.form.file_name);
  if (!kept) return reports_page(ctx, notice("error", kept.error().message), 400);
  return back_to(ctx, "/reports", "uploaded");
}

// The monitor's self-contained HTML report, as kept. It carries its own inline styles and
// no script, so it is served with a policy that allows exactly that.
Response page_report(Context& ctx) {
  std::int64_t id = 0;
  const std::string& text = ctx.params.at("id");
  std::from_chars(text.data(), text.data() + text.size(), id);
  auto found = ctx.store.find_report(ctx.school->id, id);
  if (!found || !*found) return html_response(page(ctx, "Proxy reports", notice("error", "There is no such report.")), 404);
  Response r = html_response((*found)->html);
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; "
                         "base-uri 'none'; form-action 'none'");
  return r;
}

}  // namespace smpolicy::server
