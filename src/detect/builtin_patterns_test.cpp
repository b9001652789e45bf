#include <gtest/gtest.h>

#include <string>

#include "detect/detect.hpp"
#include "policy/policy.hpp"

namespace smpolicy {
namespace {

// The lexicon's own insult and group patterns (data/lexicon/patterns.tsv): a chain of up
// to six intensifiers between the subject and the word is one finding from the subject on,
// which tells that the bounded chain, and the scan near the word it needs, still reach the
// start of the phrase.
TEST(BuiltinPatterns, AChainOfIntensifiersIsOneFindingFromTheSubject) {
  auto pack = resolve_pack("salterlee-2017");
  ASSERT_TRUE(pack) << pack.error().message;
  auto matcher = compile_matcher(**pack, nullptr, builtin_lexicon());
  struct Row {
    std::string text, kind, span;
  } rows[] = {
      {"honestly he is such a total idiot", "language.insult", "is such a total idiot"},
      {"well she's a right a complete an absolute a total the utterly useless", "language.insult",
       "she's a right a complete an absolute a total the utterly useless"},
      {"the place is run by lazy entitled little thugs now", "language.derogatory", "run by lazy entitled little thugs"},
  };
  for (const auto& row : rows) {
    auto found = detect_text(row.text, "text", *matcher);
    bool seen = false;
    for (const auto& f : found) {
      if (f.kind == row.kind) seen = seen || row.text.substr(f.begin, f.end - f.begin) == row.span;
    }
    EXPECT_TRUE(seen) << row.text;
  }
}

}  // namespace
}  // namespace smpolicy
