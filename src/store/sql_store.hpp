// store (private): the one implementation of Store, over a Connection. Its methods are
// spread over sql_store.cpp (schools, trusts, people, audit log), sql_registers.cpp
// (consents, declarations, official accounts, acknowledgements, reports) and
// sql_users.cpp (users and sessions). Every query on a school's records names its
// school_id.
#pragma once

#include "store/sql.hpp"
#include "store/store.hpp"

namespace smpolicy::store {

// The parts of a statement joined: concat({"SELECT ", columns, " FROM people"}).
std::string concat(std::initializer_list<std::string_view> parts);

// A person from the columns person_select() names, in that order.
Person read_person(const Row& row);
// "SELECT <every person column> FROM people WHERE school_id = ?".
std::string person_select();

class SqlStore final : public Store {
 public:
  SqlStore(std::unique_ptr<Connection> db, std::shared_ptr<const Clock> clock)
      : m_db(std::move(db)), m_clock(std::move(clock)) {}

  std::expected<School, Error> create_school(const NewSchool& school, std::string_view actor) override;
  std::expected<std::optional<School>, Error> find_school(std::string_view id) override;
  std::expected<std::vector<School>, Error> schools() override;
  std::expected<std::vector<Person>, Error> people(std::string_view school_id) override;
  std::expected<void, Error> save_people(std::string_view school_id, std::span<const Person> people,
                                         const AuditEvent& event) override;
  std::expected<School, Error> update_school(const School& school, std::string_view actor) override;
  std::expected<Trust, Error> create_trust(std::string_view name, std::string_view actor) override;
  std::expected<std::optional<Trust>, Error> find_trust(std::string_view id) override;
  std::expected<std::vector<School>, Error> trust_schools(std::string_view trust_id) override;
  std::expected<std::optional<Person>, Error> find_person(std::string_view school_id,
                                                          std::string_view person_id) override;
  std::expected<Person, Error> set_consent(std::string_view school_id, std::string_view person_id,
                                           const std::vector<std::string>& channels, bool restricted,
                                           std::string_view actor) override;
  std::expected<Declaration, Error> add_declaration(std::string_view school_id,
                                                    const Declaration& declaration,
                                                    std::string_view actor) override;
  std::expected<Declaration, Error> review_declaration(std::string_view school_id, std::int64_t id,
                                                       std::string_view reviewer) override;
  std::expected<std::vector<Declaration>, Error> declarations(std::string_view school_id,
                                                              std::string_view staff_id) override;
  std::expected<OfficialAccount, Error> save_official_account(std::string_view school_id,
                                                              const OfficialAccount& account,
                                                              std::string_view actor) override;
  std::expected<std::vector<OfficialAccount>, Error> official_accounts(std::string_view school_id) override;
  std::expected<Acknowledgement, Error> acknowledge(std::string_view school_id, const Acknowledgement& ack,
                                                    std::string_view actor) override;
  std::expected<std::vector<Acknowledgement>, Error> acknowledgements(std::string_view school_id) override;
  std::expected<KeptReport, Error> keep_report(std::string_view school_id, const KeptReport& report) override;
  std::expected<std::vector<KeptReport>, Error> reports(std::string_view school_id) override;
  std::expected<std::optional<KeptReport>, Error> find_report(std::string_view school_id,
                                                              std::int64_t id) override;
  std::expected<User, Error> create_user(const User& user, std::string_view actor) override;
  std::expected<std::optional<User>, Error> find_user(std::string_view username) override;
  std::expected<std::vector<User>, Error> users(std::string_view school_id) override;
  std::expected<void, Error> set_password(std::string_view username, std::string_view password_hash,
                                          std::string_view actor) override;
  std::expected<void, Error> save_session(const Session& session) override;
  std::expected<std::optional<Session>, Error> find_session(std::string_view digest,
                                                            std::string_view now) override;
  std::expected<void, Error> delete_session(std::string_view digest) override;
  std::expected<AuditEntry, Error> append_audit(const AuditEvent& event) override;
  std::expected<std::vector<AuditEntry>, Error> audit_entries(std::string_view school_id) override;
  std::expected<std::vector<AuditEntry>, Error> newest_audit_entries(std::string_view school_id,
                                                                     std::int64_t limit,
                                                                     std::int64_t before) override;
  std::expected<std::optional<AuditEntry>, Error> audit_entry(std::int64_t seq) override;
  std::expected<std::int64_t, Error> school_revision(std::string_view school_id) override;
  std::expected<AuditCheck, Error> verify_audit() override;
  std::expected<void, Error> backup(const std::filesystem::path& path) override;

 private:
  using Work = std::function<std::expected<void, Error>()>;

  // Runs `sql` and reads every row through `read`.
  template <typename T>
  std::expected<std::vector<T>, Error> collect(std::string_view sql, std::initializer_list<Param> params,
                                               T (*read)(const Row&)) {
    auto rows = m_db->query(sql, params);
    if (!rows) return std::unexpected(rows.error());
    std::vector<T> out;
    out.reserve(rows->size());
    for (const Row& row : *rows) out.push_back(read(row));
    return out;
  }
  // The first row `sql` yields, or nullopt.
  template <typename T>
  std::expected<std::optional<T>, Error> first(std::string_view sql, std::initializer_list<Param> params,
                                               T (*read)(const Row&)) {
    auto rows = collect(sql, params, read);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::nullopt;
    return std::move(rows->front());
  }

  // not_found unless the school exists.
  std::expected<void, Error> require_school(std::string_view school_id);
  // Runs `work` in a write transaction.
  std::expected<void, Error> transaction(const Work& work) { return in_transaction(*m_db, work); }
  // The same for a write to one school's records: not_found, with nothing written, unless
  // the school exists.
  std::expected<void, Error> school_transaction(std::string_view school_id, const Work& work) {
    if (auto known = require_school(school_id); !known) return known;
    return transaction(work);
  }
  // Appends to the audit log; the caller holds the write transaction.
  std::expected<AuditEntry, Error> append_locked(const AuditEvent& event);
  // append_locked for callers that only need to know it worked.
  std::expected<void, Error> audit(std::string_view school_id, std::string_view actor,
                                   std::string_view action, std::string_view subject,
                                   std::string details_json);
  std::expected<void, Error> save_person(std::string_view school_id, const Person& p);
  std::expected<std::string, Error> unique_id(std::string_view table, std::string_view name);

  std::unique_ptr<Connection> m_db;
  std::shared_ptr<const Clock> m_clock;
};

}  // namespace smpolicy::store
