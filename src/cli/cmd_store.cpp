// The commands over the store: `roster import`, `audit verify` and `backup`. Each opens
// PostgreSQL at --database URL, or else the SQLite store in --data DIR (default
// ./smpolicy-data).
#include <cstdio>
#include <iostream>

#include "cli/cli.hpp"
#include "policy/policy.hpp"
#include "store/store.hpp"

namespace smpolicy::cli {
namespace {

constexpr const char* k_actor = "cli";

// "1 entry", "2 entries".
std::string count(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

void print_preview(const store::ImportPreview& preview) {
  for (const Error& e : preview.bad_rows) std::fprintf(stderr, "%s\n", e.message.c_str());
  std::cout << preview.source << ": " << count(preview.people.size(), "person", "people") << ": "
            << preview.added << " new, " << preview.updated << " updated, " << preview.unchanged
            << " unchanged";
  if (!preview.bad_rows.empty()) {
    std::cout << "; " << count(preview.bad_rows.size(), "bad row", "bad rows");
  }
  std::cout << "\n";
}

int import_roster(const std::vector<std::string>& argv) {
  const char* text = "roster import FILE --school ID [--commit] [--data DIR | --database URL]";
  Args args = parse_args(argv, {"school", "data", "database"}, {"commit"});
  if (!args.error.empty() || args.positional.size() != 1 || !args.has("school")) {
    return usage(text);
  }
  auto csv = read_file(args.positional[0]);
  if (!csv) return report(csv.error());
  auto db = open_store(args);
  if (!db) return report(db.error());
  auto preview = store::preview_roster_import(**db, *args.get("school"), *csv, args.positional[0]);
  if (!preview) return report(preview.error());
  print_preview(*preview);
  if (!preview->bad_rows.empty()) {
    std::cout << "nothing imported: fix the bad rows and import again\n";
    return k_exit_bad_input;
  }
  if (!args.has("commit")) {
    std::cout << "preview only: add --commit to import\n";
    return k_exit_ok;
  }
  auto committed = store::commit_roster_import(**db, *args.get("school"), *preview, k_actor);
  if (!committed) return report(committed.error());
  std::cout << "imported " << count(preview->people.size(), "person", "people") << "\n";
  return k_exit_ok;
}

}  // namespace

int run_roster(const std::vector<std::string>& argv) {
  if (argv.empty() || argv.front() != "import") {
    return usage("roster import FILE --school ID [--commit] [--data DIR | --database URL]");
  }
  return import_roster({argv.begin() + 1, argv.end()});
}

int run_audit(const std::vector<std::string>& argv) {
  const char* text = "audit verify [--head SEQ:HASH] [--data DIR | --database URL]";
  if (argv.empty() || argv.front() != "verify") return usage(text);
  Args args = parse_args({argv.begin() + 1, argv.end()}, {"data", "database", "head"}, {});
  if (!args.error.empty() || !args.positional.empty()) return usage(text);
  std::string noted = args.get("head").value_or("");
  if (auto parsed = store::parse_audit_anchor(noted); !noted.empty() && !parsed) return report(parsed.error());
  auto db = open_store(args);
  if (!db) return report(db.error());
  auto check = store::check_audit(**db, noted);
  if (!check) return report(check.error());
  if (!check->intact) {
    std::cout << "audit log broken at entry " << check->broken_at << ": " << check->why << "\n";
    return k_exit_bad_input;
  }
  std::cout << "audit log intact: " << count(static_cast<std::size_t>(check->entries), "entry", "entries");
  if (!noted.empty()) std::cout << ", and it still holds the noted head";
  std::cout << "\n";
  // Noted outside the store, the head lets a later `--head` check see removed or rebuilt entries.
  if (check->head_seq > 0) std::cout << "head " << check->head_seq << ":" << check->head_hash << "\n";
  return k_exit_ok;
}

int run_backup(const std::vector<std::string>& argv) {
  Args args = parse_args(argv, {"data", "database"}, {});
  if (!args.error.empty() || args.positional.size() != 1)
    return usage("backup FILE [--data DIR | --database URL]");
  auto db = open_store(args);
  if (!db) return report(db.error());
  if (auto done = (*db)->backup(args.positional[0]); !done) return report(done.error());
  std::cout << "backed up to " << args.positional[0] << "\n";
  return k_exit_ok;
}

}  // namespace smpolicy::cli
