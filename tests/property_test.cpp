// Property: over generated events of every kind, every pack's verdict cites at least one
// clause of that pack, every finding cites only the pack's clauses, and the outcome is
// the most serious of the findings'.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "decide/decide.hpp"

namespace smpolicy {
namespace {

std::string source_path(const std::string& relative) { return std::string(SMPOLICY_SOURCE_DIR) + "/" + relative; }

class EventGenerator {
 public:
  explicit EventGenerator(unsigned seed) : m_rng(seed) {}

  Event next(Kind kind) {
    Event e = make_event(kind);
    const auto& spec = spec_of(kind);
    for (std::size_t i = 0; i < spec.fields.size(); ++i) {
      const FieldSpec& f = spec.fields[i];
      if (f.derived || (!f.required && chance(0.3))) continue;
      fill(e, f);
    }
    return e;
  }

  std::vector<Finding> findings(const Event& e) {
    std::vector<Finding> out;
    auto kinds = finding_kinds();
    int count = pick(0, 3);
    std::uint32_t length = 0;
    if (int slot = spec_of(e.kind).slot("text"); slot >= 0) length = static_cast<std::uint32_t>(e.fields[static_cast<std::size_t>(slot)].text.size());
    for (int i = 0; i < count; ++i) {
      std::uint32_t begin = length ? static_cast<std::uint32_t>(pick(0, static_cast<int>(length) - 1)) : 0;
      out.push_back(Finding{std::string(kinds[static_cast<std::size_t>(pick(0, static_cast<int>(kinds.size()) - 1))]), "text", begin,
                            std::min(length, begin + 3), 0.9f, ""});
    }
    return out;
  }

 private:
  bool chance(double p) { return std::uniform_real_distribution<>(0, 1)(m_rng) < p; }
  int pick(int lo, int hi) { return std::uniform_int_distribution<>(lo, hi)(m_rng); }
  template <typename T>
  const T& any(std::span<const T> items) { return items[static_cast<std::size_t>(pick(0, static_cast<int>(items.size()) - 1))]; }

  void fill(Event& e, const FieldSpec& f) {
    static const std::vector<std::string_view> k_words = {"facebook", "instagram", "linkedin", "x", "website", "myspace",
                                                          "en.wikipedia.org", "www.facebook.com", "example.org",
                                                          "pupil:1001", "pupil:1003", "staff:jsmith", "unknown", ""};
    static const std::vector<std::string_view> k_tags = {"school_logo", "uniform", "premises", "pupil", "staff",
                                                         "name_visible", "location", "screenshot", "saved", "forwarded"};
    std::string value;
    switch (f.type) {
      case FieldType::choice: value = std::string(any(f.choices)); break;
      case FieldType::boolean: value = chance(0.5) ? "true" : "false"; break;
      case FieldType::number: value = std::to_string(pick(0, 40)); break;
      case FieldType::time: {
        char buf[40];
        std::snprintf(buf, sizeof buf, "2026-%02d-%02dT%02d:%02d:00%s", pick(1, 12), pick(1, 28), pick(0, 23), pick(0, 59),
                      chance(0.5) ? "Z" : "+01:00");
        value = buf;
        break;
      }
      case FieldType::date: value = "2025-07-" + std::to_string(pick(10, 28)); break;
      case FieldType::list:
        for (int n = pick(0, 3); n > 0; --n) {
          auto ok = set_field(e, f.name, std::string(f.name == "images.people" ? any(std::span(k_words)) : any(std::span(k_tags))));
          ASSERT_TRUE(ok) << ok.error().message;
        }
        return;
      case FieldType::text: value = std::string(any(std::span(k_words))) + (chance(0.2) ? "@mail.example" : ""); break;
      case FieldType::findings: return;
    }
    auto ok = set_field(e, f.name, value);
    ASSERT_TRUE(ok) << f.name << ": " << ok.error().message;
  }

  std::mt19937 m_rng;
};

TEST(Property, VerdictsCiteTheirPackAndTakeTheMostSeriousOutcome) {
  auto roster = parse_roster("id,role,given_name,family_name,restricted,photo_consent\n"
                             "pupil:1001,pupil,Ann,Ash,false,print;social\npupil:1003,pupil,Cal,Cedar,true,none\n",
                             "r.csv");
  ASSERT_TRUE(roster);
  int packs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(source_path("packs"))) {
    if (entry.path().extension() != ".toml") continue;
    auto pack = load_pack(entry.path());
    ASSERT_TRUE(pack) << pack.error().message;
    ++packs;
    EventGenerator gen(20261122u + static_cast<unsigned>(packs));
    for (int i = 0; i < 3000; ++i) {
      Event e = gen.next(static_cast<Kind>(i % k_kind_count));
      auto found = gen.findings(e);
      Verdict v = decide(e, found, **pack, (i % 2 ? &roster->roster : nullptr));
      ASSERT_FALSE(v.findings.empty()) << entry.path() << " " << name_of(e.kind);
      Outcome worst = Outcome::allow;
      for (const auto& f : v.findings) {
        ASSERT_FALSE(f.rule->clauses.empty());
        for (const auto& c : f.rule->clauses) ASSERT_NE((*pack)->clause(c), nullptr) << c;
        worst = std::max(worst, f.rule->outcome);
      }
      ASSERT_EQ(v.outcome, worst);
      for (const auto& d : v.duties) ASSERT_FALSE(d.from.empty());
    }
  }
  EXPECT_GT(packs, 0);
}

}  // namespace
}  // namespace smpolicy
