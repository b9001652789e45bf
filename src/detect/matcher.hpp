// Private to detect: the compiled matcher of one school.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "detect/detect.hpp"
#include "detect/pattern_set.hpp"
#include "detect/names.hpp"
#include "detect/start_literals.hpp"

namespace smpolicy {

// One literal of the lexicon's compiled set.
struct LexTerm {
  std::string kind;
  std::uint32_t length = 0;
  bool prefix = false;  // matches any word starting with the literal
  bool plurals = false;  // also matches the literal followed by "s" or "es"
  float confidence = 0.9f;
  bool exception = false;  // an innocent phrase ("faggots and peas"), which cancels the words in it
};

// A one-word language term, for matching starred-out spellings ("sh*t", "f***ing").
struct MaskedTerm {
  std::string term;
  std::string kind;
  bool prefix = false;
  int severity = 1;
};

// The lexicon compiled once and shared by every school's matcher.
struct LexiconMatcher {
  std::unordered_map<char, std::vector<MaskedTerm>> masked;  // by first letter
  StartLiterals set;           // terms, exception phrases, then pattern words
  std::vector<LexTerm> terms;  // by literal id; exception phrases are marked `exception`
  PatternSet patterns;  // by pattern id
  std::vector<std::string> pattern_kinds;  // by pattern id
  // Literal ids from terms.size() on are words patterns need (pattern_words.hpp): the word
  // pattern_words[id - terms.size()] belongs to one of the sets of its pattern, named
  // by a bit. A text may match pattern p only where it holds a word of every set of p,
  // whose bits are pattern_needs[p]. Patterns that need no word in particular (bits 0),
  // listed in unconditional_patterns, are tried on every text.
  struct PatternWord {
    unsigned pattern;
    std::uint32_t bit;
  };
  std::vector<PatternWord> pattern_words;
  std::vector<std::uint32_t> pattern_needs;
  std::vector<unsigned> unconditional_patterns;
};

class Matcher {
 public:
  explicit Matcher(const Lexicon& lexicon) : names(&lexicon.ordinary_names) {}

  std::shared_ptr<const LexiconMatcher> lexicon;
  NameIndex names;
  std::vector<std::string> school_domains, school_phones, shorteners;
};

}  // namespace smpolicy
