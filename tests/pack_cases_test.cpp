// Every bundled pack against its table of cases (packs/cases/ID.jsonl): each rule fires
// where its case says it fires and stays silent in the near case beside it.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <algorithm>
#include <set>
#include <string>

#include "decide/decide.hpp"
#include "detect/detect.hpp"
#include "policy/policy.hpp"

namespace smpolicy {
namespace {

std::string source_path(const std::string& relative) { return std::string(SMPOLICY_SOURCE_DIR) + "/" + relative; }

const Roster& test_roster() {
  static const Roster roster = [] {
    auto loaded = load_roster(source_path("packs/cases/roster.csv"));
    EXPECT_TRUE(loaded) << (loaded ? "" : loaded.error().message);
    EXPECT_TRUE(loaded->row_errors.empty());
    return loaded ? loaded->roster : Roster{};
  }();
  return roster;
}

bool fired(const Verdict& v, const std::string& rule) {
  for (const auto& f : v.findings) {
    if (f.rule->id == rule) return true;
  }
  return false;
}

// The packs in the source tree (not the embedded copies), so an edited pack is tested
// without a rebuild.
std::vector<std::string> pack_ids() {
  std::vector<std::string> ids;
  for (const auto& entry : std::filesystem::directory_iterator(source_path("packs"))) {
    if (entry.path().extension() == ".toml") ids.push_back(entry.path().stem().string());
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

auto load(const std::string& id) { return load_pack(source_path("packs/" + id + ".toml")); }

class PackCases : public testing::TestWithParam<std::string> {};

TEST_P(PackCases, EveryCaseDecidesAsWritten) {
  const std::string id = GetParam();
  auto pack = load(id);
  ASSERT_TRUE(pack) << pack.error().message;
  auto matcher = compile_matcher(**pack, &test_roster());
  std::string file = "packs/cases/" + id + ".jsonl";
  auto text = read_file(source_path(file));
  ASSERT_TRUE(text) << "no cases file " << file;
  std::map<std::string, std::pair<int, int>> seen;  // rule -> (fires, silent)
  for_each_line(*text, [&](std::string_view line, int number) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) return;
    auto wrapped = parse_wrapped_event(line, number);
    if (!wrapped) {
      ADD_FAILURE() << file << ":" << wrapped.error().message;
      return;
    }
    std::string rule = wrapped->label("rule");
    bool want = wrapped->label("fires") == "true";
    bool stated = line.find("\"findings\"") != std::string_view::npos;
    auto findings = stated ? wrapped->findings : detect(wrapped->event, *matcher);
    Verdict v = decide(wrapped->event, findings, **pack, &test_roster());
    EXPECT_EQ(fired(v, rule), want) << file << ":" << number << ": rule '" << rule << "' should "
                                    << (want ? "fire" : "not fire") << "; verdict: "
                                    << render_json(v, wrapped->event, findings);
    if (auto outcome = wrapped->label("outcome"); !outcome.empty()) {
      EXPECT_EQ(name_of(v.outcome), outcome) << file << ":" << number << ": verdict: " << render_json(v, wrapped->event, findings);
    }
    (want ? seen[rule].first : seen[rule].second)++;
  });
  for (const auto& rule : (*pack)->rules) {
    EXPECT_GT(seen[rule.id].first, 0) << id << ": rule '" << rule.id << "' has no case where it fires";
    EXPECT_GT(seen[rule.id].second, 0) << id << ": rule '" << rule.id << "' has no near case where it does not fire";
  }
}

TEST_P(PackCases, EveryObligingClauseHasARule) {
  auto pack = load(GetParam());
  ASSERT_TRUE(pack) << pack.error().message;
  auto coverage = coverage_of(**pack);
  EXPECT_TRUE(coverage.uncovered.empty()) << "uncovered: " << testing::PrintToString(coverage.uncovered);
  EXPECT_EQ(lint(**pack), std::vector<std::string>{});
  EXPECT_EQ((*pack)->info.id, GetParam()) << "the file name and [pack] id differ";
}

std::string test_name(const testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (auto& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Bundled, PackCases, testing::ValuesIn(pack_ids()), test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(PackCases);

}  // namespace
}  // namespace smpolicy
