// The demo school: invented people (data/demo/roster.csv, embedded) and one user per role.
#include <array>

#include "auth/auth.hpp"
#include "server/demo.hpp"
#include "server/server.hpp"

namespace smpolicy::server {
namespace {

constexpr std::string_view k_demo_name = "Hillside Demo Primary";
constexpr std::string_view k_demo_pack = "salterlee-2017";
constexpr std::string_view k_actor = "demo";

struct DemoUser {
  std::string_view username, display_name, person_id;
  std::vector<std::string> roles;
};

const std::array<DemoUser, 7>& demo_users() {
  static const std::array<DemoUser, 7> users = {{
      {"teacher", "Jenny Albright (class teacher)", "staff:teacher", {"staff"}},
      {"head", "Priya Lockwood (Headteacher)", "staff:head", {"staff", "approver"}},
      {"dsl", "Marcus Okafor (DSL)", "staff:dsl", {"staff", "dsl"}},
      {"office", "Helen Brierley (office)", "staff:office", {"staff", "publisher"}},
      {"it", "Tom Wrenfield (IT)", "staff:it", {"staff", "it"}},
      {"governor", "Rashid Penhallow (governor)", "governor:chair", {"governor"}},
      {"trust", "Trust HR", "", {"trust_admin"}},
  }};
  return users;
}

constexpr std::string_view k_identity =
    R"({"names": ["Hillside Demo Primary", "Hillside Demo"], "email_domains": ["hillside-demo.sch.uk"], "phones": ["01632 960999"]})";

std::expected<void, Error> add_users(store::Store& store, const store::School& school,
                                     const store::Trust& trust) {
  for (const DemoUser& d : demo_users()) {
    store::User user;
    user.username = std::string(d.username);
    user.display_name = std::string(d.display_name);
    user.person_id = std::string(d.person_id);
    user.roles = d.roles;
    bool trust_account = d.username == "trust";
    user.school_id = trust_account ? "" : school.id;
    user.trust_id = trust.id;
    auto made = auth::create_user(store, user, k_demo_password, k_actor);
    if (!made) return std::unexpected(made.error());
  }
  return {};
}

}  // namespace

std::span<const std::string_view> demo_usernames() {
  static const auto names = [] {
    std::array<std::string_view, 7> out;
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = demo_users()[i].username;
    return out;
  }();
  return names;
}

std::expected<void, Error> make_demo(store::Store& store) {
  auto existing = store.find_user("teacher");
  if (!existing) return std::unexpected(existing.error());
  if (*existing) return {};
  auto trust = store.create_trust("Hillside Demo Trust", k_actor);
  if (!trust) return std::unexpected(trust.error());
  auto school = store.create_school({std::string(k_demo_name), std::string(k_demo_pack),
                                     std::string(k_identity), trust->id},
                                    k_actor);
  if (!school) return std::unexpected(school.error());
  auto csv = embedded_file("data/demo/roster.csv");
  if (!csv) return fail(ErrorCode::io, "the demo roster is missing from this build");
  auto preview = store::preview_roster_import(store, school->id, *csv, "demo roster");
  if (!preview) return std::unexpected(preview.error());
  if (auto done = store::commit_roster_import(store, school->id, *preview, k_actor); !done) {
    return std::unexpected(done.error());
  }
  return add_users(store, *school, *trust);
}

}  // namespace smpolicy::server
