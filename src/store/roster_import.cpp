// Roster import: a preview that names every bad row and counts what would change, then an
// all-or-nothing commit through the store.
#include <unordered_map>

#include "store/store.hpp"

namespace smpolicy::store {
namespace {

bool same_person(const Person& a, const Person& b) {
  return a.id == b.id && a.role == b.role && a.given_name == b.given_name &&
         a.family_name == b.family_name && a.preferred_name == b.preferred_name &&
         a.date_of_birth == b.date_of_birth && a.email == b.email && a.phone == b.phone &&
         a.year_group == b.year_group && a.left_on == b.left_on &&
         a.restricted == b.restricted && a.consent_known == b.consent_known &&
         a.photo_consent == b.photo_consent;
}

std::string summary_json(const ImportPreview& preview) {
  std::string out = "{\"file\":";
  append_json_string(out, preview.source);
  out += ",\"added\":" + std::to_string(preview.added) +
         ",\"updated\":" + std::to_string(preview.updated) +
         ",\"unchanged\":" + std::to_string(preview.unchanged) + "}";
  return out;
}

}  // namespace

std::expected<ImportPreview, Error> preview_roster_import(Store& store,
                                                          std::string_view school_id,
                                                          std::string_view csv,
                                                          std::string_view source) {
  auto school = store.find_school(school_id);
  if (!school) return std::unexpected(school.error());
  if (!*school) return fail(ErrorCode::not_found, "no school '" + std::string(school_id) + "'");
  auto parsed = parse_roster(csv, source);
  if (!parsed) return std::unexpected(parsed.error());
  auto existing = store.people(school_id);
  if (!existing) return std::unexpected(existing.error());
  std::unordered_map<std::string, const Person*> by_id;
  for (const Person& p : *existing) by_id[p.id] = &p;

  ImportPreview preview{std::string(source), std::move(parsed->roster.people),
                        std::move(parsed->row_errors)};
  for (const Person& p : preview.people) {
    auto it = by_id.find(p.id);
    if (it == by_id.end()) {
      ++preview.added;
    } else if (same_person(*it->second, p)) {
      ++preview.unchanged;
    } else {
      ++preview.updated;
    }
  }
  return preview;
}

std::expected<void, Error> commit_roster_import(Store& store, std::string_view school_id,
                                                const ImportPreview& preview,
                                                std::string_view actor) {
  if (!preview.bad_rows.empty()) {
    return fail(ErrorCode::invalid, preview.source + ": " +
                                        std::to_string(preview.bad_rows.size()) +
                                        " bad rows; nothing imported");
  }
  return store.save_people(school_id, preview.people,
                           AuditEvent{std::string(school_id), std::string(actor),
                                      "roster.import", preview.source, summary_json(preview)});
}

}  // namespace smpolicy::store
