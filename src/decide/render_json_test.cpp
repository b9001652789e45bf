#include <gtest/gtest.h>

#include <cstdio>

#include "decide/decide.hpp"

namespace smpolicy {
namespace {

Event post(std::string_view text) {
  auto e = parse_text_line(R"({"id":"p1","text":")" + std::string(text) + R"("})", 1);
  EXPECT_TRUE(e) << e.error().message;
  return *e;
}

// Every finding kind alone and beside each other one, so most rules fire and most
// duties are merged from more than one rule; some evidence and details need escaping.
std::vector<std::vector<Finding>> finding_sets() {
  std::vector<std::vector<Finding>> sets;
  auto kinds = finding_kinds();
  for (std::size_t a = 0; a < kinds.size(); ++a) {
    for (std::size_t b = a; b < kinds.size(); ++b) {
      std::vector<Finding> set = {Finding{std::string(kinds[a]), "text", 0, 4, 0.875f, "pupil:1"}};
      if (b != a) set.push_back(Finding{std::string(kinds[b]), "text", 5, 9, 0.5f, b % 2 ? "" : "a \"b\""});
      sets.push_back(std::move(set));
    }
  }
  return sets;
}

TEST(RenderJson, RendererWritesWhatAppendJsonWrites) {
  auto event = post("Mrs \\\"Ann\\\" Ash, 07700 900123");
  for (const auto& id : bundled_pack_ids()) {
    auto pack = resolve_pack(id);
    ASSERT_TRUE(pack) << pack.error().message;
    JsonRenderer renderer(**pack);
    std::size_t merged = 0;
    for (const auto& found : finding_sets()) {
      Verdict v = decide(event, found, **pack, nullptr);
      for (const auto& d : v.duties) merged += d.from.size() > 1;
      for (auto detail : {JsonDetail::verdict, JsonDetail::with_detected}) {
        std::string slow = "x", fast = "x";
        append_json(slow, v, event, found, detail);
        renderer.append(fast, v, event, found, detail);
        ASSERT_EQ(fast, slow) << id;
      }
    }
    EXPECT_GT(merged, 0u) << id;
  }
}

TEST(RenderJson, AVerdictOfAnotherPackIsWrittenTheSlowWay) {
  auto one = resolve_pack("salterlee-2017"), other = resolve_pack("salterlee-2017");
  ASSERT_TRUE(one && other);
  JsonRenderer renderer(**one);
  auto event = post("damn");
  std::vector<Finding> found = {Finding{"language.profanity", "text", 0, 4, 1.0f, ""}};
  Verdict v = decide(event, found, **other, nullptr);
  std::string fast;
  renderer.append(fast, v, event, found);
  EXPECT_EQ(fast, render_json(v, event, found));
}

// A finding's text is taken from its own field, whatever field was asked for before.
TEST(RenderJson, EvidenceComesFromTheFindingsOwnField) {
  auto pack = resolve_pack("salterlee-2017");
  ASSERT_TRUE(pack);
  auto event = post("damn");
  for (std::string_view field : {"text", "nosuch", "text"}) {
    std::vector<Finding> found = {Finding{"language.profanity", std::string(field), 0, 4, 1.0f, ""}};
    Verdict v = decide(event, found, **pack, nullptr);
    std::string out = render_json(v, event, found, JsonDetail::with_detected);
    std::string expected = std::string("\"text\":\"") + (field == "text" ? "damn" : "") + "\"";
    EXPECT_NE(out.find(expected), std::string::npos) << field << ": " << out;
  }
}

// A finding's confidence is written as printf's "%.2f" writes it, ties and all.
TEST(RenderJson, ConfidenceIsWrittenAsPrintfWritesIt) {
  auto pack = resolve_pack("salterlee-2017");
  ASSERT_TRUE(pack);
  auto event = post("damn");
  std::vector<Finding> found = {Finding{"language.profanity", "text", 0, 4, 1.0f, ""}};
  Verdict v = decide(event, found, **pack, nullptr);
  std::vector<float> values = {0.0f, 0.005f, 0.015f, 0.125f, 0.375f, 0.85f, 0.99f, 0.995f, 1.0f, 9.995f,
                               10.5f, 99.995f, 123.456f, 999.996f, 1000.0f, 12345.678f, -0.5f};
  for (int i = 0; i <= 20000; ++i) values.push_back(static_cast<float>(i) / 1000.0f);
  for (float value : values) {
    found[0].confidence = value;
    std::string out = render_json(v, event, found, JsonDetail::with_detected);
    auto at = out.find("\"confidence\":");
    ASSERT_NE(at, std::string::npos);
    at += 13;
    char expected[64];
    std::snprintf(expected, sizeof expected, "%.2f", static_cast<double>(value));
    ASSERT_EQ(out.substr(at, out.find_first_of(",}", at) - at), expected) << value;
  }
}

}  // namespace
}  // namespace smpolicy
