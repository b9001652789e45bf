// smpolicy policy list | show ID [--coverage] [--json] | lint FILE... | diff ID ID [--json]
#include <cstdio>
#include <iostream>

#include "cli/cli.hpp"
#include "compare/compare.hpp"

namespace smpolicy::cli {
namespace {

constexpr const char* k_usage =
    "usage: smpolicy policy list\n"
    "       smpolicy policy show ID|FILE [--coverage] [--json]\n"
    "       smpolicy policy lint ID|FILE...\n"
    "       smpolicy policy diff ID|FILE ID|FILE [--json]\n";

int list() {
  std::printf("%-24s %-14s %-10s %7s %5s  %s\n", "id", "version", "review", "clauses", "rules", "title");
  for (const auto& id : bundled_pack_ids()) {
    auto pack = resolve_pack(id);
    if (!pack) {
      std::fprintf(stderr, "%s\n", pack.error().message.c_str());
      return k_exit_failed;
    }
    const auto& p = **pack;
    std::printf("%-24s %-14s %-10s %7zu %5zu  %s\n", id.c_str(), p.info.version.c_str(), p.info.review_due.c_str(),
                p.clauses.size(), p.rules.size(), p.info.title.c_str());
  }
  return k_exit_ok;
}

int show(const Args& args) {
  if (args.positional.size() != 2) {
    std::fputs(k_usage, stderr);
    return k_exit_failed;
  }
  auto pack = resolve_pack(args.positional[1]);
  if (!pack) {
    std::fprintf(stderr, "%s\n", pack.error().message.c_str());
    return k_exit_failed;
  }
  std::cout << render_pack(**pack, args.has("json") ? Format::json : Format::text, args.has("coverage"));
  return k_exit_ok;
}

int lint_packs(const Args& args) {
  if (args.positional.size() < 2) {
    std::fputs(k_usage, stderr);
    return k_exit_failed;
  }
  bool any_error = false;
  for (std::size_t i = 1; i < args.positional.size(); ++i) {
    auto pack = resolve_pack(args.positional[i]);
    if (!pack) {
      std::fprintf(stderr, "%s\n", pack.error().message.c_str());
      any_error = true;
      continue;
    }
    auto warnings = lint(**pack);
    for (const auto& w : warnings) std::printf("%s\n", w.c_str());
    auto cov = coverage_of(**pack);
    std::printf("%s: %s, %d clauses (%d with rules, %d informational), %zu rules, %zu warnings\n",
                args.positional[i].c_str(), warnings.empty() ? "ok" : "loads", cov.total, cov.with_rules,
                cov.informational, (*pack)->rules.size(), warnings.size());
  }
  return any_error ? k_exit_bad_input : k_exit_ok;
}

int diff(const Args& args) {
  if (args.positional.size() != 3) {
    std::fputs(k_usage, stderr);
    return k_exit_failed;
  }
  auto a = resolve_pack(args.positional[1]);
  auto b = resolve_pack(args.positional[2]);
  for (auto* p : {&a, &b}) {
    if (!*p) {
      std::fprintf(stderr, "%s\n", p->error().message.c_str());
      return k_exit_failed;
    }
  }
  auto comparison = compare_packs(**a, **b);
  if (!comparison) {
    std::fprintf(stderr, "%s\n", comparison.error().message.c_str());
    return k_exit_failed;
  }
  std::cout << render_comparison(*comparison, args.has("json") ? Format::json : Format::text);
  return k_exit_ok;
}

}  // namespace

int run_policy(const std::vector<std::string>& argv) {
  Args args = parse_args(argv, {}, {"coverage", "json"});
  if (!args.error.empty() || args.positional.empty()) {
    if (!args.error.empty()) std::fprintf(stderr, "smpolicy policy: %s\n", args.error.c_str());
    std::fputs(k_usage, stderr);
    return k_exit_failed;
  }
  const std::string& verb = args.positional[0];
  if (verb == "list") return list();
  if (verb == "show") return show(args);
  if (verb == "lint") return lint_packs(args);
  if (verb == "diff") return diff(args);
  std::fprintf(stderr, "smpolicy policy: unknown '%s'\n%s", verb.c_str(), k_usage);
  return k_exit_failed;
}

}  // namespace smpolicy::cli
