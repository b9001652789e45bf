// The registers' writes, shared by the API and the pages.
#include "server/records_json.hpp"
#include "server/service.hpp"

namespace smpolicy::server {
namespace {

std::unexpected<Error> invalid(std::string message) {
  return std::unexpected(Error{ErrorCode::invalid, std::move(message)});
}

}  // namespace

std::expected<Person, Error> update_consent(Context& ctx, std::string_view person_id,
                                            const std::vector<std::string>& channels, bool restricted) {
  for (const auto& c : channels) {
    if (!is_consent_channel(c)) return invalid("field channels: '" + c + "' is not print, website or social");
  }
  return ctx.store.set_consent(ctx.school->id, person_id, channels, restricted, ctx.actor());
}

std::expected<ImportResult, Error> import_roster(Context& ctx, std::string_view csv,
                                                 std::string_view source, bool commit) {
  auto preview = store::preview_roster_import(ctx.store, ctx.school->id, csv, source);
  if (!preview) return std::unexpected(preview.error());
  ImportResult result{std::move(*preview), false};
  if (commit && result.preview.bad_rows.empty()) {
    auto done = store::commit_roster_import(ctx.store, ctx.school->id, result.preview, ctx.actor());
    if (!done) return std::unexpected(done.error());
    result.committed = true;
  }
  return result;
}

std::expected<store::Declaration, Error> declare(Context& ctx, std::string_view kind,
                                                 std::string_view about, std::string_view details) {
  auto parsed = store::parse_declaration_kind(kind);
  if (!parsed) return invalid("field kind: '" + std::string(kind) + "' is not a kind of declaration");
  if (details.empty() && about.empty()) return invalid("field details: say what you are declaring");
  store::Declaration d;
  d.staff_id = acknowledger(ctx);
  d.kind = *parsed;
  d.about = std::string(about);
  d.details = std::string(details);
  return ctx.store.add_declaration(ctx.school->id, d, ctx.actor());
}

bool sees_all_declarations(const Context& ctx) {
  using auth::Role;
  return ctx.has(Role::approver) || ctx.has(Role::dsl) || ctx.has(Role::governor) || ctx.has(Role::trust_admin);
}

std::expected<std::vector<store::Declaration>, Error> visible_declarations(Context& ctx) {
  return ctx.store.declarations(ctx.school->id, sees_all_declarations(ctx) ? "" : acknowledger(ctx));
}

std::expected<store::OfficialAccount, Error> save_account(Context& ctx, store::OfficialAccount account) {
  if (account.platform.empty()) return invalid("field platform: name the platform");
  if (account.handle.empty()) return invalid("field handle: give the account's handle");
  if (!account.rotation_due.empty() && !parse_date(account.rotation_due)) {
    return invalid("field rotation_due: expected a date as YYYY-MM-DD");
  }
  return ctx.store.save_official_account(ctx.school->id, account, ctx.actor());
}

}  // namespace smpolicy::server
