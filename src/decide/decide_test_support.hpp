// For decide's tests only: a pack written in the test as TOML, with the fallback every
// pack must have, and events written as JSON lines. Each fails the test that gives it
// input that does not parse, naming why.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "decide/decide.hpp"

namespace smpolicy::decide_test {

// `rules` (a [pack] table, clauses and rules) with a last rule that allows anything
// nothing else met, citing clause "1".
inline std::string with_fallback(const char* rules) {
  return std::string(rules) +
         "\n[[rule]]\nid = \"general-fallback\"\non = \"any\"\nwhen = \"always\"\noutcome = \"allow\"\n"
         "severity = \"info\"\nclauses = [\"1\"]\nmessage = \"Nothing conflicts.\"\nfallback = true\n";
}

// with_fallback(rules) as a pack named `name`, parsed once for each `rules`.
inline const Pack& pack_with_fallback(const char* rules, const char* name) {
  static std::map<const char*, std::unique_ptr<Pack>> parsed;
  auto& kept = parsed[rules];
  if (!kept) {
    auto loaded = parse_pack(with_fallback(rules), name);
    EXPECT_TRUE(loaded) << loaded.error().message;
    kept = loaded ? std::move(*loaded) : std::make_unique<Pack>();
  }
  return *kept;
}

// The event on one JSON line; an empty event where it does not parse.
inline Event event_of(const std::string& json) {
  auto e = parse_event(json, 1);
  EXPECT_TRUE(e) << e.error().message;
  return e ? *e : Event{};
}

}  // namespace smpolicy::decide_test
