#include "server/service.hpp"

namespace smpolicy::server {
namespace {

void default_person(Event& event, std::string_view field, const std::string& person) {
  if (person.empty()) return;
  const auto& spec = spec_of(event.kind);
  if (spec.slot(field) < 0 || !event.field(field).missing()) return;
  (void)set_field(event, field, person);
}

}  // namespace

std::expected<SchoolChecked, Error> check_event(Context& ctx, Event& event) {
  default_person(event, "author", ctx.user().person_id);
  default_person(event, "staff", ctx.user().person_id);
  auto school = ctx.pipeline();
  if (!school) return std::unexpected(school.error());
  return SchoolChecked{check(event, **school), *school};
}

Event post_of_text(std::string_view text) {
  Event post = make_event(Kind::post);
  (void)set_field(post, "account", "personal");
  (void)set_field(post, "text", text);
  return post;
}

}  // namespace smpolicy::server

namespace smpolicy::server {
namespace {

std::string folded(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

}  // namespace

std::vector<const Clause*> search_clauses(const Pack& pack, std::string_view query) {
  std::vector<std::string> words;
  std::string q = folded(query);
  for (std::size_t at = 0; at < q.size();) {
    auto end = q.find(' ', at);
    if (end == std::string::npos) end = q.size();
    if (end > at) words.push_back(q.substr(at, end - at));
    at = end + 1;
  }
  std::vector<const Clause*> found;
  for (const Clause& clause : pack.clauses) {
    std::string haystack = folded(clause.id + " " + clause.section + " " + clause.says);
    bool all = true;
    for (const auto& w : words) all = all && haystack.find(w) != std::string::npos;
    if (all) found.push_back(&clause);
  }
  return found;
}

std::string acknowledger(const Context& ctx) {
  return ctx.user().person_id.empty() ? "user:" + ctx.user().username : ctx.user().person_id;
}

std::optional<store::Acknowledgement> own_acknowledgement(Context& ctx, const Pack& pack) {
  auto all = ctx.store.acknowledgements(ctx.school->id);
  if (!all) return std::nullopt;
  std::string who = acknowledger(ctx);
  for (const auto& ack : *all) {
    if (ack.person_id == who && ack.pack_id == pack.info.id && ack.pack_version == pack.info.version) return ack;
  }
  return std::nullopt;
}

}  // namespace smpolicy::server
