// policy: packs (docs/packs.md). Loading validates everything and compiles each rule's
// condition against the schema of every event kind it applies to; a pack with any error
// never loads. Also: the reference catalogue of platforms and site categories, the
// bundled packs, lint and coverage, and rendering a pack for people.
#pragma once

#include <array>
#include <cstdint>
#include <expected>
#include <functional>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/core.hpp"
#include "event/event.hpp"

namespace smpolicy {

// ---- Conditions ---------------------------------------------------------------------

struct Literal {
  std::string text;
  double number = 0;
  int choice = -1;  // index into the field's choices, for choice fields
  bool boolean = false;
};

struct Test {
  enum class Op : std::uint8_t {
    is, is_not, one_of, not_one_of, missing, given, lt, le, gt, ge, includes_any, includes_none
  };
  Op op = Op::is;
  int slot = -1;  // field index in the event kind's schema
  FieldType type = FieldType::text;
  std::vector<Literal> values;
  // For a `findings` test: bits over finding_kinds() of the kinds under its values, so
  // a finding of a known kind is tested with one AND. 0 when not worked out.
  std::uint64_t kinds = 0;
};

// A condition compiled for one event kind: a tree stored in a vector, root first.
struct ConditionNode {
  enum class Type : std::uint8_t { always, test, all, any, negate };
  Type type = Type::always;
  int left = -1, right = -1;  // children (negate uses left)
  Test test;
};

// A choice or boolean test in a condition's root conjunction ("account is personal"):
// when field `slot` is given and its value (a choice's index, or 0 and 1 for false and
// true) has no bit in `allowed`, the test is false, and so is the condition.
struct FieldGate {
  int slot = -1;  // -1: no gate
  bool boolean = false;  // a boolean field: its value is 0 or 1, whatever its type
  std::uint64_t allowed = 0;
};

// What a condition's root conjunction demands, so that most conditions an event cannot
// meet are ruled out without being evaluated (Kleene's "and" is false when any part is).
// Each part only ever rules out; what passes is evaluated in full.
struct ConditionGate {
  // Something the event needs, for a part of the root conjunction to hold: a finding of
  // one of the kinds `findings` (bits over finding_kinds()), or one of the list fields
  // whose slots are the bits of `lists` not empty ("images.shows includes ..." or ...).
  struct Needs {
    std::uint64_t findings = 0;
    std::uint32_t lists = 0;
    bool any() const { return findings || lists; }
  };
  std::array<Needs, 3> needs{};  // those that needs nothing come last
  // Bits over finding_kinds(): a finding of any of these kinds makes the condition false.
  std::uint64_t forbids_findings = 0;
  // Further tests on fields. A missing field leaves its test unknown: the condition is
  // then not true, though not false either.
  std::array<FieldGate, 3> fields{};
  // True when the gate holds the whole condition: a conjunction of findings tests of known
  // kinds (each need from one "includes", in the condition's order) and field tests. An
  // event it does not rule out, with every finding of a known kind and every gated field
  // given, meets the condition, the first finding under needs[0] its evidence.
  bool complete = false;
  // Bits over finding_kinds(), where the gate holds all but one "or" of the root
  // conjunction, and that "or" tries first a findings test of these kinds, and no other
  // part tests findings: an event the gate does not rule out, with every finding of a
  // known kind, every gated field given and a finding of one of these kinds, meets the
  // condition, the first such finding its evidence. 0 otherwise.
  std::uint64_t sufficient = 0;
};

struct Condition {
  std::vector<ConditionNode> nodes;  // nodes[0] is the root
  // Bits over finding_kinds(): the condition cannot hold unless the event has a finding
  // of one of these kinds. 0 when it needs no finding in particular.
  std::uint64_t needs_findings = 0;
  ConditionGate gate;
};

// ---- Packs --------------------------------------------------------------------------

struct Clause {
  std::string id, section, says;
  bool informational = false;
  int line = 0;
};

struct DutySpec {
  std::string action, who;
};

struct Rule {
  std::string id;
  std::uint32_t kinds = 0;  // bit (1 << Kind) for each kind it applies to
  std::string when;         // the condition as written
  Outcome outcome = Outcome::allow;
  Severity severity = Severity::info;
  std::vector<std::string> clauses;
  std::string message, advice;
  std::vector<DutySpec> duties;
  bool fire_when_unknown = true;
  bool fallback = false;
  int line = 0;
};

struct CompiledRule {
  const Rule* rule = nullptr;
  Condition when;
};

// The order in which decide applies a kind's rules: its rules first, then, where none
// fired, the fallbacks for that kind, then those for every kind (`on = "any"`).
enum class RulePass { rules, kind_fallbacks, any_fallbacks, count };

// The rules of one kind in one pass, grouped by the finding kinds their conditions need,
// so that an event visits only the rules its findings could meet rather than every rule
// of its kind. Position p in `rules` is bit p % 64 of word p / 64 of each mask.
struct RuleGroup {
  std::vector<const CompiledRule*> rules;  // in the pack's order; into Pack::by_kind
  std::size_t words = 0;                   // the words of each mask
  std::vector<std::uint64_t> without;      // the rules that need no finding in particular
  // At b * words: the rules whose condition needs a finding of kind bit b (needs_findings).
  std::vector<std::uint64_t> needing;
  // The slot most of the rules' gates test ("account is personal"), or -1, read as a
  // FieldGate of `boolean` reads it; at c * words, for its value's code c from 0 to 63,
  // the rules whose gate on it that value fails, and so whose condition it makes false.
  int gated_slot = -1;
  bool gated_boolean = false;
  std::vector<std::uint64_t> failing;
  // The slot, of a field an event may lack, whose absence rules out the most rules (a
  // post with no time has no `period`), or -1; the rules it rules out, those whose gate
  // tests it and that do not fire on unknown.
  int absent_slot = -1;
  std::vector<std::uint64_t> failing_absent;
};

struct Timetable {
  TimeZone zone;
  std::uint8_t days = 0x1F;  // bit 0 = Monday
  int start = 8 * 60 + 30, end = 16 * 60 + 30;  // minutes of the day, contracted hours
  std::vector<std::pair<int, int>> breaks = {{12 * 60, 13 * 60}};
  // Term dates, local calendar days. Empty: every week is term time. When given, a day
  // outside every term is a holiday and all of it is outside contracted hours.
  std::vector<DateSpan> terms;
};

struct PackInfo {
  std::string id, title, school, scope, version, approved_on, approved_by, review_due, summary;
};

struct Platform {
  std::string name;
  std::vector<std::string> aliases;
  std::string type;  // a platform_type choice
  int min_age = 13;
  std::vector<std::string> hosts;
};

// The longest of `host` and its parent domains ("m.facebook.com", then "facebook.com",
// then "com") that `listed` accepts, or empty when none is.
std::string_view covering_domain(std::string_view host, const std::function<bool(std::string_view)>& listed);

// Reference data compiled into the binary: platforms and site categories.
struct Catalog {
  std::vector<Platform> platforms;
  std::unordered_map<std::string, std::string> categories_by_host;
  std::unordered_map<std::string, std::size_t> platform_of_host;  // host -> index into platforms
  std::vector<std::string> categories;  // every category name, sorted

  // Case-insensitive by name or alias; nullptr when unknown.
  const Platform* platform(std::string_view name) const;
  // The platform whose host list has `host` or a parent domain of it.
  const Platform* platform_by_host(std::string_view host) const;
};

// The catalogue compiled into the binary. Loaded once; a broken embedded file is a bug.
const Catalog& builtin_catalog();

// Who the school is, as its detectors need to know: its names and aliases, its e-mail
// domains and phone numbers. A pack's [school] table gives defaults; a school using a
// shared pack sets its own (`--school FILE`).
struct SchoolIdentity {
  std::vector<std::string> names, email_domains, phones;
  std::vector<DateSpan> terms;  // the school's term dates; empty: the pack's timetable's
};

// Reads the [school] table of a TOML file; errors name file:line:col.
std::expected<SchoolIdentity, Error> parse_school_identity(std::string_view text, std::string_view name);
std::expected<SchoolIdentity, Error> load_school_identity(const std::filesystem::path& path);

struct Pack {
  PackInfo info;
  std::vector<std::pair<std::string, std::vector<std::string>>> roles;  // title lists by role
  SchoolIdentity school;
  Timetable timetable;
  std::vector<Clause> clauses;
  std::vector<Rule> rules;  // never resized after loading: CompiledRule points into it
  std::array<std::vector<CompiledRule>, k_kind_count> by_kind;
  // by_kind grouped for decide, by kind then RulePass; built once by_kind is complete.
  std::array<std::array<RuleGroup, static_cast<std::size_t>(RulePass::count)>, k_kind_count> groups;
  std::unordered_map<std::string, std::string> sites;  // the pack's own host -> category
  std::string origin;  // where it was loaded from: "bundled" or a file path

  Pack() = default;
  Pack(const Pack&) = delete;  // compiled rules point into `rules`
  Pack& operator=(const Pack&) = delete;
  Pack(Pack&&) = default;
  Pack& operator=(Pack&&) = default;

  const Clause* clause(std::string_view id) const;
  // The category of a host: the pack's sites first, then the catalogue, trying each
  // parent domain ("m.facebook.com" -> "facebook.com"). "uncategorised" when unknown.
  std::string_view category_of(std::string_view host) const;
  // The role titles of `role` ("approver"), empty when the pack names none. A view into
  // the pack, read for every duty of every verdict, so nothing is copied.
  std::span<const std::string> role(std::string_view role) const;
};

// Fills `pack.groups` from `pack.by_kind`, which must not change after.
void group_rules(Pack& pack);

// Puts a school's own identity into a pack in place of the pack's (a shared pack's names
// and phones are another school's), and its term dates, when it gives any, into the
// timetable.
void adopt_identity(Pack& pack, SchoolIdentity identity);

// Parses pack text. `name` is used in messages. On failure the error lists every
// problem, one per line, as "name:line:col: what is wrong".
std::expected<std::unique_ptr<Pack>, Error> parse_pack(std::string_view text, std::string_view name);
std::expected<std::unique_ptr<Pack>, Error> load_pack(const std::filesystem::path& path);

// Bundled packs: the ids compiled into the binary, and loading one.
std::vector<std::string> bundled_pack_ids();
// A bundled id, or else a path to a pack file. Unknown ids fail naming the bundled ones.
std::expected<std::unique_ptr<Pack>, Error> resolve_pack(std::string_view id_or_path);

// ---- Lint and coverage --------------------------------------------------------------

struct Coverage {
  int total = 0, informational = 0, with_rules = 0;
  std::vector<std::string> uncovered;  // neither informational nor cited by a rule
};
Coverage coverage_of(const Pack& pack);

// Warnings about a pack that loads: uncovered clauses, informational clauses that rules
// cite, rules that can never fire. Each as "origin:line: warning".
std::vector<std::string> lint(const Pack& pack);

enum class Format { text, json };
// The pack for people: metadata, roles, timetable, clauses with the rules citing them.
std::string render_pack(const Pack& pack, Format format, bool with_coverage);

}  // namespace smpolicy
