// The school's own settings, written once for the API and the pages: which pack is in
// force, the names, e-mail domains and phone numbers the detectors know it by, and its
// term dates. They are kept as the school record's identity JSON.
#include <algorithm>

#include "policy/policy.hpp"
#include "server/respond.hpp"
#include "server/service.hpp"

namespace smpolicy::server {
namespace {

std::expected<void, Error> check_pack(std::string_view id) {
  auto ids = bundled_pack_ids();
  if (std::ranges::find(ids, id) != ids.end()) return {};
  return fail(ErrorCode::invalid, "field pack: '" + std::string(id) + "' is not a bundled pack");
}

std::expected<void, Error> check_terms(const std::vector<std::string>& terms) {
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (auto span = parse_date_span(terms[i]); !span) {
      return fail(ErrorCode::invalid, "field terms: item " + std::to_string(i + 1) + ": " + span.error().message);
    }
  }
  return {};
}

std::string identity_json(const SchoolLists& lists) {
  JsonWriter w;
  w.begin_object();
  for (std::string_view key : k_school_lists) {
    if (auto found = lists.find(key); found != lists.end()) {
      w.key(key).begin_array();
      for (const auto& item : found->second) w.value(item);
      w.end_array();
    }
  }
  w.end_object();
  return w.take();
}

}  // namespace

std::expected<SchoolLists, Error> school_lists(const store::School& school) {
  auto fields = parse_json_fields(school.identity_json.empty() ? std::string_view("{}") : school.identity_json);
  if (!fields) return std::unexpected(fields.error());
  SchoolLists lists;
  for (std::string_view key : k_school_lists) {
    auto found = fields->find(key);
    lists[std::string(key)] = found == fields->end() ? std::vector<std::string>{} : found->second.list;
  }
  return lists;
}

std::expected<store::School, Error> change_school(Context& ctx, const SchoolChange& change) {
  if (change.pack) {
    if (auto ok = check_pack(*change.pack); !ok) return std::unexpected(ok.error());
  }
  if (auto terms = change.lists.find("terms"); terms != change.lists.end()) {
    if (auto ok = check_terms(terms->second); !ok) return std::unexpected(ok.error());
  }
  auto lists = school_lists(*ctx.school);
  if (!lists) return std::unexpected(lists.error());
  for (const auto& [key, items] : change.lists) (*lists)[key] = items;
  store::School changed = *ctx.school;
  if (change.pack) changed.pack_id = *change.pack;
  changed.identity_json = identity_json(*lists);
  auto saved = ctx.store.update_school(changed, ctx.actor());
  if (!saved) return std::unexpected(saved.error());
  ctx.school = *saved;
  return *saved;
}

}  // namespace smpolicy::server
