// Private to detect: words a pattern cannot match without, so that a cheap literal scan
// tells which patterns a text could match before any pattern is run.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace smpolicy {

// The most sets `required_word_sets` gives for one pattern.
constexpr std::size_t k_most_sets = 4;

// Sets of literal strings such that every match of `pattern` (PCRE syntax, as the
// lexicon's patterns.tsv writes them) contains at least one string of each set, byte for
// byte and case as written. A set is what the match must spell at one point: plain
// characters, times the alternatives of each group it cannot skip ("my (year|yr)" gives
// "my year" and "my yr"), across zero-width tests such as \b.
// Only sets whose strings are all of two bytes or more count. Of those, the sets without
// a very common English word, likeliest to be rare first (few words, long words), at most
// k_most_sets; where every set holds a common word, the likeliest to be rare alone.
// Empty when there is no set, or the pattern uses a construct this reading does not
// follow (top-level '|', '(?', a quantifier on a non-ASCII character): such a pattern must
// be run on every text.
std::vector<std::vector<std::string>> required_word_sets(std::string_view pattern);

}  // namespace smpolicy
