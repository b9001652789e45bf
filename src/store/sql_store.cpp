// Schools, trusts, people and the audit log, over any Connection; and opening a store.
#include <limits>
#include "store/sql_store.hpp"
#include "store/records.hpp"

namespace smpolicy::store {
namespace {

constexpr std::string_view k_school_columns =
    "SELECT id, name, pack_id, identity, created, coalesce(trust_id, '') FROM schools";
constexpr std::string_view k_person_columns =
    "id, role, given_name, family_name, preferred_name, date_of_birth, email, phone, "
    "year_group, left_on, restricted, consent_known, photo_consent";
constexpr std::string_view k_audit_select =
    "SELECT seq, coalesce(school_id, ''), time, actor, action, subject, details, prev_hash, "
    "hash FROM audit_log";

School read_school(const Row& r) {
  return School{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5)};
}

Trust read_trust(const Row& r) { return Trust{r.text(0), r.text(1), r.text(2)}; }

AuditEntry read_entry(const Row& r) {
  return AuditEntry{r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4),
                    r.text(5),    r.text(6), r.text(7), r.text(8)};
}

}  // namespace

std::string concat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (auto part : parts) out += part;
  return out;
}

// Read by sql_registers.cpp too (find_person, set_consent).
Person read_person(const Row& r) {
  Person p;
  p.id = r.text(0);
  for (Role role : {Role::pupil, Role::staff, Role::parent, Role::governor}) {
    if (name_of(role) == r.text(1)) p.role = role;
  }
  p.given_name = r.text(2), p.family_name = r.text(3), p.preferred_name = r.text(4);
  p.date_of_birth = r.text(5), p.email = r.text(6), p.phone = r.text(7);
  p.year_group = r.text(8), p.left_on = r.text(9);
  p.restricted = r.flag(10);
  p.consent_known = r.flag(11);
  p.photo_consent = split_list(r.text(12));
  return p;
}

std::string person_select() {
  return concat({"SELECT ", k_person_columns, " FROM people WHERE school_id = ?"});
}

std::expected<void, Error> SqlStore::require_school(std::string_view school_id) {
  auto school = find_school(school_id);
  if (!school) return std::unexpected(school.error());
  if (!*school) return fail(ErrorCode::not_found, "no school '" + std::string(school_id) + "'");
  return {};
}

std::expected<AuditEntry, Error> SqlStore::append_locked(const AuditEvent& event) {
  auto last = m_db->query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", {});
  if (!last) return std::unexpected(last.error());
  AuditEntry e{last->empty() ? 1 : last->front().integer(0) + 1,
               event.school_id,
               m_clock->now(),
               event.actor,
               event.action,
               event.subject,
               event.details_json,
               last->empty() ? genesis_hash() : last->front().text(1),
               ""};
  e.hash = audit_hash(e);
  auto done = m_db->query(
      "INSERT INTO audit_log (seq, school_id, time, actor, action, subject, details, "
      "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {e.seq, null_if_empty(e.school_id), e.time, e.actor, e.action, e.subject, e.details_json, e.prev_hash,
       e.hash});
  if (!done) return std::unexpected(done.error());
  return e;
}

std::expected<void, Error> SqlStore::audit(std::string_view school_id, std::string_view actor,
                                           std::string_view action, std::string_view subject,
                                           std::string details_json) {
  auto logged = append_locked({std::string(school_id), std::string(actor), std::string(action),
                               std::string(subject), std::move(details_json)});
  if (!logged) return std::unexpected(logged.error());
  return {};
}

std::expected<AuditEntry, Error> SqlStore::append_audit(const AuditEvent& event) {
  AuditEntry entry;
  auto done = transaction([&]() -> std::expected<void, Error> {
    auto e = append_locked(event);
    if (!e) return std::unexpected(e.error());
    entry = std::move(*e);
    return {};
  });
  if (!done) return std::unexpected(done.error());
  return entry;
}

// The slug of `name`, with -2, -3 ... added until no row of `table` has it. The caller
// holds the write transaction, so no other writer can take the id before the insert.
std::expected<std::string, Error> SqlStore::unique_id(std::string_view table, std::string_view name) {
  std::string base = school_slug(name), id = base;
  std::string query = concat({"SELECT id FROM ", table, " WHERE id = ?"});
  for (int n = 2;; ++n) {
    auto rows = m_db->query(query, {id});
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return id;
    id = base + "-" + std::to_string(n);
  }
}

std::expected<School, Error> SqlStore::create_school(const NewSchool& school, std::string_view actor) {
  School made{"", school.name, school.pack_id, school.identity_json, m_clock->now(), school.trust_id};
  auto done = transaction([&]() -> std::expected<void, Error> {
    if (!school.trust_id.empty()) {
      auto trust = find_trust(school.trust_id);
      if (!trust) return std::unexpected(trust.error());
      if (!*trust) return fail(ErrorCode::invalid, "no trust '" + school.trust_id + "'");
    }
    auto id = unique_id("schools", made.name);
    if (!id) return std::unexpected(id.error());
    made.id = *id;
    auto saved = m_db->query(
        "INSERT INTO schools (id, name, pack_id, identity, created, trust_id) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {made.id, made.name, made.pack_id, made.identity_json, made.created, null_if_empty(made.trust_id)});
    if (!saved) return std::unexpected(saved.error());
    return audit(made.id, actor, "school.create", made.id,
                 json_object({{"name", made.name}, {"pack", made.pack_id}, {"trust", made.trust_id}}));
  });
  if (!done) return std::unexpected(done.error());
  return made;
}

std::expected<std::optional<School>, Error> SqlStore::find_school(std::string_view id) {
  if (id.empty()) return std::nullopt;
  return first(concat({k_school_columns, " WHERE id = ?"}), {id}, read_school);
}

std::expected<std::vector<School>, Error> SqlStore::schools() {
  return collect(concat({k_school_columns, " ORDER BY id"}), {}, read_school);
}

std::expected<School, Error> SqlStore::update_school(const School& school, std::string_view actor) {
  std::optional<School> updated;
  auto done = transaction([&]() -> std::expected<void, Error> {
    auto before = find_school(school.id);
    if (!before) return std::unexpected(before.error());
    if (!*before) return fail(ErrorCode::not_found, "no school '" + school.id + "'");
    auto saved = m_db->query("UPDATE schools SET pack_id = ?, identity = ? WHERE id = ?",
                             {school.pack_id, school.identity_json, school.id});
    if (!saved) return std::unexpected(saved.error());
    auto logged = audit(school.id, actor, "school.update", school.id,
                        json_object({{"old_pack", (*before)->pack_id}, {"pack", school.pack_id},
                                     {"old_identity", (*before)->identity_json}, {"identity", school.identity_json}}));
    if (!logged) return logged;
    auto read = find_school(school.id);
    if (!read) return std::unexpected(read.error());
    updated = std::move(*read);
    return {};
  });
  if (!done) return std::unexpected(done.error());
  return *updated;
}

std::expected<Trust, Error> SqlStore::create_trust(std::string_view name, std::string_view actor) {
  Trust made{"", std::string(name), m_clock->now()};
  auto done = transaction([&]() -> std::expected<void, Error> {
    auto id = unique_id("trusts", name);
    if (!id) return std::unexpected(id.error());
    made.id = *id;
    auto saved = m_db->query("INSERT INTO trusts (id, name, created) VALUES (?, ?, ?)",
                             {made.id, made.name, made.created});
    if (!saved) return std::unexpected(saved.error());
    // A trust is no school's record: its entry belongs to no school's log.
    return audit("", actor, "trust.create", made.id, json_object({{"name", made.name}}));
  });
  if (!done) return std::unexpected(done.error());
  return made;
}

std::expected<std::optional<Trust>, Error> SqlStore::find_trust(std::string_view id) {
  if (id.empty()) return std::nullopt;
  return first("SELECT id, name, created FROM trusts WHERE id = ?", {id}, read_trust);
}

std::expected<std::vector<School>, Error> SqlStore::trust_schools(std::string_view trust_id) {
  if (trust_id.empty()) return std::vector<School>{};
  return collect(concat({k_school_columns, " WHERE trust_id = ? ORDER BY id"}), {trust_id}, read_school);
}

std::expected<std::vector<Person>, Error> SqlStore::people(std::string_view school_id) {
  if (school_id.empty()) return std::vector<Person>{};
  return collect(person_select() + " ORDER BY id", {school_id}, read_person);
}

std::expected<void, Error> SqlStore::save_person(std::string_view school_id, const Person& p) {
  auto done = m_db->query(
      concat({"INSERT INTO people (school_id, ", k_person_columns,
              ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (school_id, id) DO "
              "UPDATE SET role = excluded.role, given_name = excluded.given_name, "
              "family_name = excluded.family_name, preferred_name = excluded.preferred_name, "
              "date_of_birth = excluded.date_of_birth, email = excluded.email, "
              "phone = excluded.phone, year_group = excluded.year_group, "
              "left_on = excluded.left_on, restricted = excluded.restricted, "
              "consent_known = excluded.consent_known, photo_consent = excluded.photo_consent"}),
      {school_id, p.id, name_of(p.role), p.given_name, p.family_name, p.preferred_name, p.date_of_birth,
       p.email, p.phone, p.year_group, p.left_on, std::int64_t{p.restricted}, std::int64_t{p.consent_known},
       join_list(p.photo_consent)});
  if (!done) return fail(done.error().code, "person '" + p.id + "': " + done.error().message);
  return {};
}

std::expected<void, Error> SqlStore::save_people(std::string_view school_id, std::span<const Person> people,
                                                 const AuditEvent& event) {
  return school_transaction(school_id, [&]() -> std::expected<void, Error> {
    for (const Person& p : people) {
      if (auto saved = save_person(school_id, p); !saved) return saved;
    }
    AuditEvent scoped = event;
    scoped.school_id = std::string(school_id);
    if (auto logged = append_locked(scoped); !logged) return std::unexpected(logged.error());
    return {};
  });
}

std::expected<std::vector<AuditEntry>, Error> SqlStore::audit_entries(std::string_view school_id) {
  if (school_id.empty()) return std::vector<AuditEntry>{};
  return collect(concat({k_audit_select, " WHERE school_id = ? ORDER BY seq"}), {school_id}, read_entry);
}

std::expected<std::vector<AuditEntry>, Error> SqlStore::newest_audit_entries(std::string_view school_id,
                                                                               std::int64_t limit, std::int64_t before) {
  if (school_id.empty() || limit <= 0) return std::vector<AuditEntry>{};
  const std::int64_t bound = before > 0 ? before : std::numeric_limits<std::int64_t>::max();
  return collect(concat({k_audit_select, " WHERE school_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?"}),
                 {school_id, bound, limit}, read_entry);
}

std::expected<std::int64_t, Error> SqlStore::school_revision(std::string_view school_id) {
  auto rows = m_db->query("SELECT coalesce(max(seq), 0) FROM audit_log WHERE school_id = ?", {school_id});
  if (!rows) return std::unexpected(rows.error());
  return rows->empty() ? 0 : rows->front().integer(0);
}

std::expected<std::optional<AuditEntry>, Error> SqlStore::audit_entry(std::int64_t seq) {
  auto found = collect(concat({k_audit_select, " WHERE seq = ?"}), {seq}, read_entry);
  if (!found) return std::unexpected(found.error());
  if (found->empty()) return std::optional<AuditEntry>();
  return std::optional<AuditEntry>(std::move(found->front()));
}

std::expected<AuditCheck, Error> SqlStore::verify_audit() {
  auto all = collect(concat({k_audit_select, " ORDER BY seq"}), {}, read_entry);
  if (!all) return std::unexpected(all.error());
  return verify_chain(*all);
}

std::expected<void, Error> SqlStore::backup(const std::filesystem::path& path) { return m_db->backup(path); }

std::unique_ptr<Store> make_sql_store(std::unique_ptr<Connection> db, std::shared_ptr<const Clock> clock) {
  return std::make_unique<SqlStore>(std::move(db), std::move(clock));
}

}  // namespace smpolicy::store
