#include "server/state.hpp"

#include "event/event.hpp"
#include "policy/policy.hpp"

namespace smpolicy::server {
namespace {

// The identity a school keeps in its record overrides the pack's defaults, list by list;
// its term dates ("terms": ["2026-09-03/2026-10-23", ...]) replace the timetable's.
std::expected<void, Error> apply_identity(Pack& pack, std::string_view json) {
  auto fields = parse_json_fields(json);
  if (!fields) return std::unexpected(fields.error());
  auto list = [&](std::string_view name) -> const std::vector<std::string>* {
    auto found = fields->find(name);
    return found != fields->end() && !found->second.list.empty() ? &found->second.list : nullptr;
  };
  if (auto given = list("names")) pack.school.names = *given;
  if (auto given = list("email_domains")) pack.school.email_domains = *given;
  if (auto given = list("phones")) pack.school.phones = *given;
  if (auto given = list("terms")) {
    std::vector<DateSpan> terms;
    for (const auto& text : *given) {
      auto span = parse_date_span(text);
      if (!span) return fail(ErrorCode::invalid, "terms: " + span.error().message);
      terms.push_back(*span);
    }
    pack.timetable.terms = std::move(terms);
  }
  return {};
}

}  // namespace

AppState::Lease::~Lease() {
  if (m_store) m_owner->give_back(std::move(m_store));
}

std::expected<AppState::Lease, Error> AppState::borrow() {
  {
    std::lock_guard lock(m_pool_mutex);
    if (!m_pool.empty()) {
      auto store = std::move(m_pool.back());
      m_pool.pop_back();
      return Lease(*this, std::move(store));
    }
  }
  auto opened = store::open_store(m_options.database, m_options.clock);
  if (!opened) return std::unexpected(opened.error());
  return Lease(*this, std::move(*opened));
}

void AppState::give_back(std::unique_ptr<store::Store> store) {
  std::lock_guard lock(m_pool_mutex);
  m_pool.push_back(std::move(store));
}

std::expected<std::shared_ptr<const School>, Error> AppState::pipeline(store::Store& store,
                                                                       const store::School& school) {
  auto revision = store.school_revision(school.id);
  if (!revision) return std::unexpected(revision.error());
  {
    std::lock_guard lock(m_schools_mutex);
    auto found = m_schools.find(school.id);
    if (found != m_schools.end() && found->second.revision == *revision) return found->second.school;
  }
  // Built outside the lock: compiling a large roster takes a while and other schools
  // should not wait. Two threads may build the same revision; either result is right.
  auto pack = resolve_pack(school.pack_id);
  if (!pack) return std::unexpected(pack.error());
  if (auto ok = apply_identity(**pack, school.identity_json); !ok) {
    return fail(ErrorCode::invalid, "school " + school.id + ": identity: " + ok.error().message);
  }
  auto people = store.people(school.id);
  if (!people) return std::unexpected(people.error());
  auto roster = std::make_unique<Roster>();
  roster->people = std::move(*people);
  for (std::size_t i = 0; i < roster->people.size(); ++i) roster->by_id.emplace(roster->people[i].id, i);
  auto built = std::make_shared<const School>(make_school(std::move(*pack), std::move(roster)));
  std::lock_guard lock(m_schools_mutex);
  Compiled& kept = m_schools[school.id];
  if (kept.revision < *revision) kept = Compiled{*revision, built};
  return built;
}

}  // namespace smpolicy::server
