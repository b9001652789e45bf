// smpolicy admin: the first trust, school and accounts, from the shell. A password is read
// from --password-file or, when that is absent, from the first line of standard input, so
// it never appears in the process list or the shell's history.
#include <cstdio>
#include <iostream>
#include <string>

#include "auth/auth.hpp"
#include "cli/cli.hpp"
#include "policy/policy.hpp"

namespace smpolicy::cli {
namespace {

constexpr const char* k_actor = "cli";
constexpr const char* k_usage =
    "admin create-trust --name NAME [--data DIR | --database URL]\n"
    "       smpolicy admin create-school --name NAME --pack ID [--trust ID] [--data DIR | --database URL]\n"
    "       smpolicy admin create-user --username NAME (--school ID | --trust ID) --roles ROLE,...\n"
    "                      [--display-name TEXT] [--person ROSTER_ID] [--password-file FILE]\n"
    "                      [--data DIR | --database URL]";

std::expected<std::string, Error> read_password(const Args& args) {
  std::string text;
  if (auto file = args.get("password-file")) {
    auto read = read_file(*file);
    if (!read) return std::unexpected(read.error());
    text = *read;
  } else if (!std::getline(std::cin, text)) {
    return fail(ErrorCode::invalid, "no password: give --password-file FILE or type it on standard input");
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

int create_trust(const std::vector<std::string>& argv) {
  Args args = parse_args(argv, {"name", "data", "database"}, {});
  if (!args.error.empty() || !args.positional.empty() || !args.has("name")) return usage(k_usage);
  auto db = open_store(args);
  if (!db) return report(db.error());
  auto trust = (*db)->create_trust(*args.get("name"), k_actor);
  if (!trust) return report(trust.error());
  std::cout << trust->id << "\n";
  return k_exit_ok;
}

int create_school(const std::vector<std::string>& argv) {
  Args args = parse_args(argv, {"name", "pack", "trust", "data", "database"}, {});
  if (!args.error.empty() || !args.positional.empty() || !args.has("name") || !args.has("pack")) return usage(k_usage);
  if (auto pack = resolve_pack(*args.get("pack")); !pack) return report(pack.error());
  auto db = open_store(args);
  if (!db) return report(db.error());
  store::NewSchool school{*args.get("name"), *args.get("pack"), "{}", args.get("trust").value_or("")};
  auto made = (*db)->create_school(school, k_actor);
  if (!made) return report(made.error());
  std::cout << made->id << "\n";
  return k_exit_ok;
}

int create_user(const std::vector<std::string>& argv) {
  Args args = parse_args(argv, {"username", "school", "trust", "roles", "display-name", "person", "password-file", "data",
                                "database"},
                         {});
  bool placed = args.has("school") || args.has("trust");
  if (!args.error.empty() || !args.positional.empty() || !args.has("username") || !args.has("roles") || !placed) {
    return usage(k_usage);
  }
  auto password = read_password(args);
  if (!password) return report(password.error());
  auto db = open_store(args);
  if (!db) return report(db.error());
  store::User user;
  user.username = *args.get("username");
  user.school_id = args.get("school").value_or("");
  user.trust_id = args.get("trust").value_or("");
  user.roles = split_list(*args.get("roles"), ',');
  user.display_name = args.get("display-name").value_or(user.username);
  user.person_id = args.get("person").value_or("");
  auto made = auth::create_user(**db, user, *password, k_actor);
  if (!made) return report(made.error());
  std::cout << made->username << "\n";
  return k_exit_ok;
}

}  // namespace

int run_admin(const std::vector<std::string>& argv) {
  if (argv.empty()) return usage(k_usage);
  std::vector<std::string> rest(argv.begin() + 1, argv.end());
  if (argv.front() == "create-trust") return create_trust(rest);
  if (argv.front() == "create-school") return create_school(rest);
  if (argv.front() == "create-user") return create_user(rest);
  return usage(k_usage);
}

}  // namespace smpolicy::cli
