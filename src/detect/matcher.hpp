// Private to detect: the compiled matcher.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "detect/detect.hpp"

namespace smpolicy {

struct Term {
  std::vector<std::string> words;  // lower case
  bool prefix = false;             // the last word matches any word starting with it
  std::string kind, detail;
  float confidence = 1.0f;
};

class Matcher {
 public:
  std::vector<Term> terms;
  std::unordered_map<std::string, std::vector<std::size_t>> by_first_word;
  std::vector<std::size_t> prefix_first;  // single-word prefix terms
  std::vector<std::string> school_domains, shorteners;

  void add(Term term);
};

}  // namespace smpolicy
