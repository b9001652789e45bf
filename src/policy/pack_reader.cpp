// Reads a pack: TOML tree -> validated Pack with compiled conditions. Every problem is
// collected with its position, so an author fixes them all in one pass.
#include <algorithm>
#include <array>
#include <regex>
#include <set>

#include "policy/condition.hpp"
#include "policy/policy.hpp"
#include "policy/toml_tree.hpp"

namespace smpolicy {
namespace {

using toml_tree::Node;

constexpr std::string_view k_top_keys[] = {"pack", "roles", "school", "timetable", "sites", "clause", "rule"};
constexpr std::string_view k_pack_keys[] = {"id", "title", "school", "scope", "version", "approved_on",
                                            "approved_by", "review_due", "summary"};
constexpr std::string_view k_school_keys[] = {"names", "email_domains", "phones", "terms"};
constexpr std::string_view k_timetable_keys[] = {"time_zone", "days", "hours", "breaks", "terms"};
constexpr std::string_view k_clause_keys[] = {"id", "section", "says", "informational"};
constexpr std::string_view k_rule_keys[] = {"id", "on", "when", "outcome", "severity", "clauses", "message",
                                            "advice", "duties", "when_unknown", "fallback"};
constexpr std::string_view k_scopes[] = {"school", "trust", "authority"};
constexpr std::string_view k_days[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                       "saturday", "sunday"};

}  // namespace

// Duty vocabulary, shared with rendering.
extern const std::array<std::string_view, 20> k_duty_actions;
extern const std::array<std::string_view, 13> k_duty_who;
const std::array<std::string_view, 20> k_duty_actions = {
    "decline", "inform", "report", "seek_permission", "add_disclaimer", "remove_post",
    "preserve_evidence", "secure_evidence", "call_police", "discuss_in_class", "redirect",
    "do_not_respond", "delete_photos", "hand_over_credentials", "change_privacy",
    "check_consent", "record", "stop", "investigate", "support"};
const std::array<std::string_view, 13> k_duty_who = {
    "staff", "headteacher", "deputy", "dsl", "line_manager", "slt", "approver", "publisher",
    "school_business_manager", "it", "hr", "governors", "police"};

namespace {

template <std::size_t N>
bool one_of(std::string_view value, const std::string_view (&set)[N]) {
  return std::find(std::begin(set), std::end(set), value) != std::end(set);
}
template <std::size_t N>
bool one_of(std::string_view value, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), value) != set.end();
}

class Reader {
 public:
  explicit Reader(std::string_view name) : m_name(name) {}

  void error(int line, int column, const std::string& message) {
    m_errors.push_back(m_name + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message);
  }
  void error(const Node& node, const std::string& message) { error(node.line, node.column, message); }
  bool failed() const { return !m_errors.empty(); }
  std::string joined() const {
    std::string out;
    for (const auto& e : m_errors) out += (out.empty() ? "" : "\n") + e;
    return out;
  }

  template <std::size_t N>
  void only_keys(const Node& table, const std::string_view (&allowed)[N], std::string_view where) {
    for (const auto& [key, value] : table.table) {
      if (!one_of(key, allowed)) error(value, "unknown key '" + key + "' in " + std::string(where));
    }
  }

  // A string value; "" (with an error when required) when absent or of another type.
  std::string text(const Node& table, std::string_view key, bool required, std::string_view where) {
    const Node* node = table.find(key);
    if (!node) {
      if (required) error(table, std::string(where) + " needs '" + std::string(key) + "'");
      return {};
    }
    if (node->type != Node::Type::string && node->type != Node::Type::date) {
      error(*node, std::string(key) + " must be a string, not " + std::string(node->type_name()));
      return {};
    }
    return node->text;
  }

  // A string or an array of strings.
  std::vector<std::string> texts(const Node* node, std::string_view key) {
    std::vector<std::string> out;
    if (!node) return out;
    if (node->type == Node::Type::string) return {node->text};
    if (node->type != Node::Type::array) {
      error(*node, std::string(key) + " must be a list of strings");
      return out;
    }
    for (const auto& item : node->array) {
      if (item.type != Node::Type::string) error(item, std::string(key) + " must hold strings only");
      else out.push_back(item.text);
    }
    return out;
  }

  bool flag(const Node& table, std::string_view key) {
    const Node* node = table.find(key);
    if (!node) return false;
    if (node->type != Node::Type::boolean) {
      error(*node, std::string(key) + " must be true or false");
      return false;
    }
    return node->boolean;
  }

  void read_info(const Node& doc, Pack& pack) {
    const Node* info = doc.find("pack");
    if (!info || info->type != Node::Type::table) {
      error(doc, "the pack needs a [pack] table with at least id and title");
      return;
    }
    only_keys(*info, k_pack_keys, "[pack]");
    auto& i = pack.info;
    i.id = text(*info, "id", true, "[pack]");
    static const std::regex k_id(R"([a-z0-9][a-z0-9-]*)");
    if (!i.id.empty() && !std::regex_match(i.id, k_id)) {
      error(*info->find("id"), "pack id '" + i.id + "' must be lower-case letters, digits and '-'");
    }
    i.title = text(*info, "title", true, "[pack]");
    i.school = text(*info, "school", false, "[pack]");
    i.scope = text(*info, "scope", false, "[pack]");
    if (i.scope.empty()) i.scope = "school";
    else if (!one_of(i.scope, k_scopes)) error(*info->find("scope"), "scope is school, trust or authority");
    i.version = text(*info, "version", false, "[pack]");
    i.approved_on = text(*info, "approved_on", false, "[pack]");
    i.approved_by = text(*info, "approved_by", false, "[pack]");
    i.review_due = text(*info, "review_due", false, "[pack]");
    i.summary = text(*info, "summary", false, "[pack]");
  }

  void read_roles(const Node& doc, Pack& pack) {
    const Node* roles = doc.find("roles");
    if (!roles) return;
    for (const auto& [role, titles] : roles->table) pack.roles.emplace_back(role, texts(&titles, role));
  }

  void read_school(const Node& doc, Pack& pack) {
    const Node* school = doc.find("school");
    if (!school) return;
    only_keys(*school, k_school_keys, "[school]");
    pack.school.names = texts(school->find("names"), "names");
    pack.school.email_domains = texts(school->find("email_domains"), "email_domains");
    pack.school.phones = texts(school->find("phones"), "phones");
    pack.school.terms = terms_of(school->find("terms"));
  }

  // ["2026-09-03/2026-10-23", ...]: each span named where it is wrong.
  std::vector<DateSpan> terms_of(const Node* node) {
    std::vector<DateSpan> out;
    if (!node) return out;
    if (node->type != Node::Type::array) {
      error(*node, "terms must be a list of date spans (\"YYYY-MM-DD/YYYY-MM-DD\")");
      return out;
    }
    for (const auto& item : node->array) {
      auto span = item.type == Node::Type::string ? parse_date_span(item.text)
                                                  : fail(ErrorCode::parse, "terms must hold strings only");
      if (!span) error(item, "terms: " + span.error().message);
      else out.push_back(*span);
    }
    return out;
  }

  std::optional<std::pair<int, int>> span_of(const Node& node, std::string_view what) {
    auto dash = node.text.find('-');
    auto from = parse_clock(std::string_view(node.text).substr(0, dash));
    auto to = dash == std::string::npos ? std::nullopt : parse_clock(std::string_view(node.text).substr(dash + 1));
    if (!from || !to || *from >= *to) {
      error(node, std::string(what) + " '" + node.text + "' must be HH:MM-HH:MM, start before end");
      return std::nullopt;
    }
    return std::pair{*from, *to};
  }

  void read_timetable(const Node& doc, Pack& pack) {
    auto& tt = pack.timetable;
    const Node* table = doc.find("timetable");
    std::string zone = table ? text(*table, "time_zone", false, "[timetable]") : "";
    if (zone.empty()) zone = "Europe/London";
    auto loaded = load_time_zone(zone);
    if (!loaded) {
      error(table && table->find("time_zone") ? *table->find("time_zone") : doc, loaded.error().message);
    } else {
      tt.zone = *loaded;
    }
    if (!table) return;
    only_keys(*table, k_timetable_keys, "[timetable]");
    if (const Node* days = table->find("days")) {
      tt.days = 0;
      for (const auto& day : days->array) {
        auto it = std::find(std::begin(k_days), std::end(k_days), day.text);
        if (it == std::end(k_days)) error(day, "'" + day.text + "' is not a day (monday ... sunday)");
        else tt.days |= static_cast<std::uint8_t>(1u << (it - std::begin(k_days)));
      }
    }
    if (const Node* hours = table->find("hours")) {
      if (auto span = span_of(*hours, "hours")) std::tie(tt.start, tt.end) = *span;
    }
    if (const Node* breaks = table->find("breaks")) {
      tt.breaks.clear();
      for (const auto& b : breaks->array) {
        if (auto span = span_of(b, "break")) tt.breaks.push_back(*span);
      }
    }
    tt.terms = terms_of(table->find("terms"));
  }

  void read_sites(const Node& doc, Pack& pack, std::vector<std::string>& categories) {
    const Node* sites = doc.find("sites");
    if (!sites) return;
    for (const auto& [host, category] : sites->table) {
      if (category.type != Node::Type::string) {
        error(category, "the category of '" + host + "' must be a string");
        continue;
      }
      pack.sites[host] = category.text;
      if (std::find(categories.begin(), categories.end(), category.text) == categories.end()) {
        categories.push_back(category.text);
      }
    }
  }

  void read_clauses(const Node& doc, Pack& pack) {
    const Node* list = doc.find("clause");
    if (!list || list->array.empty()) {
      error(doc, "the pack has no [[clause]] entries");
      return;
    }
    std::set<std::string> seen;
    for (const auto& entry : list->array) {
      only_keys(entry, k_clause_keys, "[[clause]]");
      Clause c;
      c.line = entry.line;
      c.id = text(entry, "id", true, "[[clause]]");
      c.section = text(entry, "section", false, "[[clause]]");
      c.says = text(entry, "says", true, "[[clause]]");
      c.informational = flag(entry, "informational");
      if (!c.id.empty() && !seen.insert(c.id).second) error(*entry.find("id"), "clause '" + c.id + "' appears twice");
      pack.clauses.push_back(std::move(c));
    }
  }

  std::uint32_t read_kinds(const Node& entry) {
    const Node* on = entry.find("on");
    if (!on) {
      error(entry, "[[rule]] needs 'on' (an event kind, a list of them, or \"any\")");
      return 0;
    }
    std::uint32_t kinds = 0;
    for (const auto& name : texts(on, "on")) {
      if (name == "any") {
        kinds = (1u << k_kind_count) - 1;
      } else if (auto kind = parse_kind(name)) {
        kinds |= 1u << static_cast<int>(*kind);
      } else {
        error(*on, "'" + name + "' is not an event kind");
      }
    }
    return kinds;
  }

  void read_duties(const Node& entry, Rule& rule) {
    const Node* duties = entry.find("duties");
    if (!duties) return;
    for (const auto& d : duties->array) {
      DutySpec duty{text(d, "action", true, "duty"), text(d, "who", true, "duty")};
      if (!duty.action.empty() && !one_of(duty.action, k_duty_actions)) {
        error(d, "'" + duty.action + "' is not a duty action (see docs/packs.md)");
      }
      if (!duty.who.empty() && !one_of(duty.who, k_duty_who)) {
        error(d, "'" + duty.who + "' is not someone a duty can fall to (see docs/packs.md)");
      }
      rule.duties.push_back(std::move(duty));
    }
  }

  void read_rule(const Node& entry, Pack& pack, std::set<std::string>& seen) {
    only_keys(entry, k_rule_keys, "[[rule]]");
    Rule rule;
    rule.line = entry.line;
    rule.id = text(entry, "id", true, "[[rule]]");
    static const std::regex k_id(R"([a-z0-9][a-z0-9-]*)");
    if (!rule.id.empty() && !std::regex_match(rule.id, k_id)) {
      error(*entry.find("id"), "rule id '" + rule.id + "' must be lower-case words joined by '-'");
    }
    if (!rule.id.empty() && !seen.insert(rule.id).second) error(*entry.find("id"), "rule '" + rule.id + "' appears twice");
    rule.kinds = read_kinds(entry);
    rule.when = text(entry, "when", true, "[[rule]]");
    auto outcome = parse_outcome(text(entry, "outcome", true, "[[rule]]"));
    if (!outcome && entry.find("outcome")) error(*entry.find("outcome"), "outcome is allow, advise, needs_permission or breach");
    rule.outcome = outcome.value_or(Outcome::allow);
    auto severity = parse_severity(text(entry, "severity", true, "[[rule]]"));
    if (!severity && entry.find("severity")) error(*entry.find("severity"), "severity is info, minor, serious or gross");
    rule.severity = severity.value_or(Severity::info);
    rule.clauses = texts(entry.find("clauses"), "clauses");
    if (rule.clauses.empty()) error(entry, "rule '" + rule.id + "' cites no clause");
    for (const auto& id : rule.clauses) {
      if (!pack.clause(id)) error(*entry.find("clauses"), "rule '" + rule.id + "' cites '" + id + "', which is not a clause of this pack");
    }
    rule.message = text(entry, "message", true, "[[rule]]");
    rule.advice = text(entry, "advice", false, "[[rule]]");
    read_duties(entry, rule);
    auto unknown = text(entry, "when_unknown", false, "[[rule]]");
    if (!unknown.empty() && unknown != "fire" && unknown != "skip") error(*entry.find("when_unknown"), "when_unknown is fire or skip");
    // The cautious reading assumes the worst of what is missing: a restriction fires, but
    // a permission is never granted on facts nobody gave.
    rule.fire_when_unknown = unknown.empty() ? rule.outcome != Outcome::allow : unknown == "fire";
    rule.fallback = flag(entry, "fallback");
    pack.rules.push_back(std::move(rule));
  }

  void read_rules(const Node& doc, Pack& pack) {
    const Node* list = doc.find("rule");
    if (!list) {
      error(doc, "the pack has no [[rule]] entries");
      return;
    }
    std::set<std::string> seen;
    pack.rules.reserve(list->array.size());
    for (const auto& entry : list->array) read_rule(entry, pack, seen);
  }

  // Compiles each rule's condition for every kind it applies to.
  void compile(const Node& doc, Pack& pack, const std::vector<std::string>& categories) {
    const Node* list = doc.find("rule");
    for (std::size_t r = 0; r < pack.rules.size(); ++r) {
      const Rule& rule = pack.rules[r];
      const Node* when = list->array[r].find("when");
      if (!when) continue;
      for (int k = 0; k < k_kind_count; ++k) {
        if (!(rule.kinds & (1u << k))) continue;
        auto compiled = condition::compile(rule.when, static_cast<Kind>(k), categories);
        if (!compiled) {
          error(when->line, when->column + 1 + static_cast<int>(compiled.error().offset),
                "rule '" + rule.id + "' (" + std::string(name_of(static_cast<Kind>(k))) + "): " +
                    compiled.error().message);
          break;
        }
        pack.by_kind[static_cast<std::size_t>(k)].push_back(CompiledRule{&rule, std::move(*compiled)});
      }
    }
  }

  void check_fallbacks(const Node& doc, const Pack& pack) {
    std::uint32_t covered = 0;
    for (const auto& rule : pack.rules) {
      if (rule.fallback && rule.when == "always") covered |= rule.kinds;
    }
    std::string uncovered;
    for (int k = 0; k < k_kind_count; ++k) {
      if (!(covered & (1u << k))) uncovered += (uncovered.empty() ? "" : ", ") + std::string(name_of(static_cast<Kind>(k)));
    }
    if (!uncovered.empty()) {
      error(doc, "no fallback rule covers " + uncovered +
                     " events: add one with fallback = true and when = \"always\" (on = \"any\" covers every kind)");
    }
  }

 private:
  std::string m_name;
  std::vector<std::string> m_errors;
};

}  // namespace

std::expected<std::unique_ptr<Pack>, Error> parse_pack(std::string_view text, std::string_view name) {
  auto doc = toml_tree::parse(text, name);
  if (!doc) return std::unexpected(doc.error());
  Reader reader(name);
  reader.only_keys(*doc, k_top_keys, "the pack");
  auto pack = std::make_unique<Pack>();
  pack->origin = std::string(name);
  auto categories = builtin_catalog().categories;
  reader.read_info(*doc, *pack);
  reader.read_roles(*doc, *pack);
  reader.read_school(*doc, *pack);
  reader.read_timetable(*doc, *pack);
  reader.read_sites(*doc, *pack, categories);
  reader.read_clauses(*doc, *pack);
  reader.read_rules(*doc, *pack);
  // Compile even after errors, so an author sees every problem in one pass.
  reader.compile(*doc, *pack, categories);
  reader.check_fallbacks(*doc, *pack);
  if (reader.failed()) return fail(ErrorCode::invalid, reader.joined());
  group_rules(*pack);
  return pack;
}

std::expected<std::unique_ptr<Pack>, Error> load_pack(const std::filesystem::path& path) {
  auto text = read_file(path);
  if (!text) return std::unexpected(text.error());
  return parse_pack(*text, path.string());
}

std::expected<SchoolIdentity, Error> parse_school_identity(std::string_view text, std::string_view name) {
  auto doc = toml_tree::parse(text, name);
  if (!doc) return std::unexpected(doc.error());
  Reader reader(name);
  Pack scratch;
  if (!doc->find("school")) reader.error(*doc, "expected a [school] table with names, email_domains and phones");
  reader.read_school(*doc, scratch);
  if (reader.failed()) return fail(ErrorCode::invalid, reader.joined());
  return scratch.school;
}

void adopt_identity(Pack& pack, SchoolIdentity identity) {
  if (!identity.terms.empty()) pack.timetable.terms = identity.terms;
  pack.school = std::move(identity);
}

std::expected<SchoolIdentity, Error> load_school_identity(const std::filesystem::path& path) {
  auto text = read_file(path);
  if (!text) return std::unexpected(text.error());
  return parse_school_identity(*text, path.string());
}

}  // namespace smpolicy
