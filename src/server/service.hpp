// server (private): the work both the API and the pages do, written once.
#pragma once

#include "server/context.hpp"

namespace smpolicy::server {

// A verdict with the compiled school it was decided in. The verdict points into that
// school's pack, and a newer revision may replace the school in the cache at any moment,
// so the result holds it for as long as the verdict is read.
struct SchoolChecked : Checked {
  std::shared_ptr<const School> school;
};

// Decides `event` in the school acted on, through the same `check` as the CLI. Who it is
// about defaults to the signed-in user: a post's author, a contact's staff member.
std::expected<SchoolChecked, Error> check_event(Context& ctx, Event& event);

// A public post on a personal account with `text`, as staff ask "may I post this?".
Event post_of_text(std::string_view text);

}  // namespace smpolicy::server

namespace smpolicy::server {

// The pack's clauses whose id, section or statement holds every word of `query`, ignoring
// case; all of them when the query is blank.
std::vector<const Clause*> search_clauses(const Pack& pack, std::string_view query);

// Who acknowledges: the user's roster id, or "user:NAME" for an account not on the roster.
std::string acknowledger(const Context& ctx);

// The signed-in user's acknowledgement of the pack in force, if any.
std::optional<store::Acknowledgement> own_acknowledgement(Context& ctx, const Pack& pack);

}  // namespace smpolicy::server

namespace smpolicy::server {

// Registers, with the checks both the API and the pages need. Each fails with
// ErrorCode::invalid naming the field that is wrong.
std::expected<Person, Error> update_consent(Context& ctx, std::string_view person_id,
                                            const std::vector<std::string>& channels, bool restricted);

// Previews the CSV and, when `commit` and it has no bad rows, writes it all.
struct ImportResult {
  store::ImportPreview preview;
  bool committed = false;
};
std::expected<ImportResult, Error> import_roster(Context& ctx, std::string_view csv,
                                                 std::string_view source, bool commit);

std::expected<store::Declaration, Error> declare(Context& ctx, std::string_view kind,
                                                 std::string_view about, std::string_view details);
// Leaders see every declaration; everyone else sees their own.
bool sees_all_declarations(const Context& ctx);
std::expected<std::vector<store::Declaration>, Error> visible_declarations(Context& ctx);

std::expected<store::OfficialAccount, Error> save_account(Context& ctx, store::OfficialAccount account);

// The school's own settings: the lists kept in its identity JSON, by name.
inline constexpr std::string_view k_school_lists[] = {"names", "email_domains", "phones", "terms"};
using SchoolLists = std::map<std::string, std::vector<std::string>, std::less<>>;
// Every list of k_school_lists, empty when the school keeps none.
std::expected<SchoolLists, Error> school_lists(const store::School& school);
// A change: a pack id when the pack in force changes, and the lists that change (each
// replaces the stored one; lists left out keep theirs).
struct SchoolChange {
  std::optional<std::string> pack;
  SchoolLists lists;
};
// Checks the change (the pack must be bundled, never a server path; every term a
// "YYYY-MM-DD/YYYY-MM-DD" span) and saves it with an audit entry naming old and new; the
// school's matcher is rebuilt on its next use. Fails naming the field that is wrong.
std::expected<store::School, Error> change_school(Context& ctx, const SchoolChange& change);

}  // namespace smpolicy::server

namespace smpolicy::server {

// Reads an uploaded proxy log (plain or gzip, any format the monitor reads) against the
// school's pack and roster, and keeps the report. Fails when nothing in it could be read.
std::expected<store::KeptReport, Error> keep_log_report(Context& ctx, std::string_view log,
                                                        std::string_view title);

}  // namespace smpolicy::server
