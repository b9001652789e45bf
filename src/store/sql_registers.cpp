// A school's registers over any Connection: photo consent and the restricted list,
// declarations, official accounts, acknowledgements and kept reports. Each query names
// the school, so one school's call never reaches another's rows.
#include <algorithm>

#include "store/records.hpp"
#include "store/sql_store.hpp"

namespace smpolicy::store {
namespace {

constexpr std::string_view k_consent_channels[] = {"print", "website", "social"};

constexpr std::string_view k_declaration_select =
    "SELECT id, staff_id, kind, about, details, declared, reviewed_by, reviewed "
    "FROM declarations WHERE school_id = ?";
constexpr std::string_view k_account_select =
    "SELECT id, platform, handle, school_owned, custodians, rotation_due, updated "
    "FROM official_accounts WHERE school_id = ?";
constexpr std::string_view k_report_columns = "id, title, uploaded_by, time, summary";

std::string consent_text(const Person& p) {
  if (!p.consent_known) return "unknown";
  return p.photo_consent.empty() ? "none" : join_list(p.photo_consent);
}

Declaration read_declaration(const Row& r) {
  return Declaration{
      r.integer(0), r.text(1), parse_declaration_kind(r.text(2)).value_or(DeclarationKind::other),
      r.text(3),    r.text(4), r.text(5),
      r.text(6),    r.text(7)};
}

OfficialAccount read_account(const Row& r) {
  return OfficialAccount{r.integer(0),          r.text(1), r.text(2), r.flag(3),
                         split_list(r.text(4)), r.text(5), r.text(6)};
}

Acknowledgement read_ack(const Row& r) { return Acknowledgement{r.text(0), r.text(1), r.text(2), r.text(3)}; }

// The listing leaves the HTML out (it can be large); find_report reads it as column 5.
KeptReport read_report(const Row& r) {
  return KeptReport{r.integer(0), r.text(1), r.text(2),
                    r.text(3),    r.text(4), r.values.size() > 5 ? r.text(5) : std::string()};
}

}  // namespace

std::expected<std::optional<Person>, Error> SqlStore::find_person(std::string_view school_id,
                                                                  std::string_view person_id) {
  if (school_id.empty()) return std::nullopt;
  return first(person_select() + " AND id = ?", {school_id, person_id}, read_person);
}

std::expected<Person, Error> SqlStore::set_consent(std::string_view school_id, std::string_view person_id,
                                                   const std::vector<std::string>& channels, bool restricted,
                                                   std::string_view actor) {
  for (const std::string& c : channels) {
    if (std::ranges::find(k_consent_channels, c) == std::end(k_consent_channels)) {
      return fail(ErrorCode::invalid, "'" + c + "' is not a consent channel (print, website, social)");
    }
  }
  Person after;
  auto done = transaction([&]() -> std::expected<void, Error> {
    auto before = find_person(school_id, person_id);
    if (!before) return std::unexpected(before.error());
    if (!*before) {
      return fail(ErrorCode::not_found,
                  "no person '" + std::string(person_id) + "' in school '" + std::string(school_id) + "'");
    }
    after = **before;
    after.consent_known = true, after.photo_consent = channels, after.restricted = restricted;
    auto saved = m_db->query(
        "UPDATE people SET consent_known = 1, photo_consent = ?, restricted = ? "
        "WHERE school_id = ? AND id = ?",
        {join_list(channels), std::int64_t{restricted}, school_id, person_id});
    if (!saved) return std::unexpected(saved.error());
    return audit(school_id, actor, "consent.set", person_id,
                 json_object({{"old_consent", consent_text(**before)},
                              {"new_consent", consent_text(after)},
                              {"old_restricted", (*before)->restricted ? "true" : "false"},
                              {"new_restricted", restricted ? "true" : "false"}}));
  });
  if (!done) return std::unexpected(done.error());
  return after;
}

std::expected<Declaration, Error> SqlStore::add_declaration(std::string_view school_id,
                                                            const Declaration& declaration,
                                                            std::string_view actor) {
  Declaration made = declaration;
  made.declared = m_clock->now(), made.reviewed_by.clear(), made.reviewed.clear();
  auto done = school_transaction(school_id, [&]() -> std::expected<void, Error> {
    auto id = m_db->query(
        "INSERT INTO declarations (school_id, staff_id, kind, about, details, declared) "
        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        {school_id, made.staff_id, name_of(made.kind), made.about, made.details, made.declared});
    if (!id) return std::unexpected(id.error());
    made.id = id->front().integer(0);
    return audit(
        school_id, actor, "declaration.add", made.staff_id,
        json_object({{"id", std::to_string(made.id)}, {"kind", name_of(made.kind)}, {"about", made.about}}));
  });
  if (!done) return std::unexpected(done.error());
  return made;
}

std::expected<Declaration, Error> SqlStore::review_declaration(std::string_view school_id, std::int64_t id,
                                                               std::string_view reviewer) {
  std::optional<Declaration> reviewed;
  auto done = transaction([&]() -> std::expected<void, Error> {
    auto saved =
        m_db->query("UPDATE declarations SET reviewed_by = ?, reviewed = ? WHERE school_id = ? AND id = ?",
                    {reviewer, m_clock->now(), school_id, id});
    if (!saved) return std::unexpected(saved.error());
    auto read = first(concat({k_declaration_select, " AND id = ?"}), {school_id, id}, read_declaration);
    if (!read) return std::unexpected(read.error());
    if (!*read) {
      return fail(ErrorCode::not_found,
                  "no declaration " + std::to_string(id) + " in school '" + std::string(school_id) + "'");
    }
    reviewed = std::move(*read);
    return audit(school_id, reviewer, "declaration.review", reviewed->staff_id,
                 json_object({{"id", std::to_string(id)}}));
  });
  if (!done) return std::unexpected(done.error());
  return *reviewed;
}

std::expected<std::vector<Declaration>, Error> SqlStore::declarations(std::string_view school_id,
                                                                      std::string_view staff_id) {
  if (staff_id.empty()) {
    return collect(concat({k_declaration_select, " ORDER BY declared DESC, id DESC"}), {school_id},
                   read_declaration);
  }
  return collect(concat({k_declaration_select, " AND staff_id = ? ORDER BY declared DESC, id DESC"}),
                 {school_id, staff_id}, read_declaration);
}

std::expected<OfficialAccount, Error> SqlStore::save_official_account(std::string_view school_id,
                                                                      const OfficialAccount& account,
                                                                      std::string_view actor) {
  OfficialAccount saved = account;
  saved.updated = m_clock->now();
  auto done = school_transaction(school_id, [&]() -> std::expected<void, Error> {
    // The insert binds all but the last (the id it assigns); the update binds them all.
    std::initializer_list<Param> fields = {saved.platform,
                                           saved.handle,
                                           std::int64_t{saved.school_owned},
                                           join_list(saved.custodians),
                                           saved.rotation_due,
                                           saved.updated,
                                           school_id,
                                           saved.id};
    auto id = saved.id == 0 ? m_db->query(
                                  "INSERT INTO official_accounts (platform, handle, school_owned, "
                                  "custodians, rotation_due, updated, school_id) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                  std::span(fields.begin(), fields.size() - 1))
                            : m_db->query(
                                  "UPDATE official_accounts SET platform = ?, handle = ?, "
                                  "school_owned = ?, custodians = ?, rotation_due = ?, "
                                  "updated = ? WHERE school_id = ? AND id = ? RETURNING id",
                                  fields);
    if (!id) return std::unexpected(id.error());
    if (id->empty()) {
      return fail(ErrorCode::not_found, "no official account " + std::to_string(saved.id) + " in school '" +
                                            std::string(school_id) + "'");
    }
    saved.id = id->front().integer(0);
    return audit(school_id, actor, "official_account.save", saved.platform + " " + saved.handle,
                 json_object({{"id", std::to_string(saved.id)},
                              {"custodians", join_list(saved.custodians)},
                              {"rotation_due", saved.rotation_due}}));
  });
  if (!done) return std::unexpected(done.error());
  return saved;
}

std::expected<std::vector<OfficialAccount>, Error> SqlStore::official_accounts(std::string_view school_id) {
  return collect(concat({k_account_select, " ORDER BY platform, handle"}), {school_id}, read_account);
}

std::expected<Acknowledgement, Error> SqlStore::acknowledge(std::string_view school_id,
                                                            const Acknowledgement& ack,
                                                            std::string_view actor) {
  Acknowledgement kept = ack;
  kept.time = m_clock->now();
  auto done = school_transaction(school_id, [&]() -> std::expected<void, Error> {
    auto added = m_db->query(
        "INSERT INTO acknowledgements (school_id, person_id, pack_id, pack_version, time) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING time",
        {school_id, kept.person_id, kept.pack_id, kept.pack_version, kept.time});
    if (!added) return std::unexpected(added.error());
    if (added->empty()) {
      // Acknowledged before: the first time stands and nothing new is audited.
      auto earlier = m_db->query(
          "SELECT time FROM acknowledgements WHERE school_id = ? AND person_id = ? AND "
          "pack_id = ? AND pack_version = ?",
          {school_id, kept.person_id, kept.pack_id, kept.pack_version});
      if (!earlier) return std::unexpected(earlier.error());
      kept.time = earlier->empty() ? kept.time : earlier->front().text(0);
      return {};
    }
    return audit(school_id, actor, "policy.acknowledge", kept.person_id,
                 json_object({{"pack", kept.pack_id}, {"version", kept.pack_version}}));
  });
  if (!done) return std::unexpected(done.error());
  return kept;
}

std::expected<std::vector<Acknowledgement>, Error> SqlStore::acknowledgements(std::string_view school_id) {
  return collect(
      "SELECT person_id, pack_id, pack_version, time FROM acknowledgements "
      "WHERE school_id = ? ORDER BY time, person_id",
      {school_id}, read_ack);
}

std::expected<KeptReport, Error> SqlStore::keep_report(std::string_view school_id, const KeptReport& report) {
  if (auto known = require_school(school_id); !known) return std::unexpected(known.error());
  KeptReport kept = report;
  kept.time = m_clock->now();
  auto id = m_db->query(
      "INSERT INTO reports (school_id, title, uploaded_by, time, summary, html) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {school_id, kept.title, kept.uploaded_by, kept.time, kept.summary_json, kept.html});
  if (!id) return std::unexpected(id.error());
  kept.id = id->front().integer(0);
  return kept;
}

std::expected<std::vector<KeptReport>, Error> SqlStore::reports(std::string_view school_id) {
  return collect(
      concat({"SELECT ", k_report_columns, " FROM reports WHERE school_id = ? ORDER BY time DESC, id DESC"}),
      {school_id}, read_report);
}

std::expected<std::optional<KeptReport>, Error> SqlStore::find_report(std::string_view school_id,
                                                                      std::int64_t id) {
  return first(concat({"SELECT ", k_report_columns, ", html FROM reports WHERE school_id = ? AND id = ?"}),
               {school_id, id}, read_report);
}

}  // namespace smpolicy::store
