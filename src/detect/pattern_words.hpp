// Private to detect: words a pattern cannot match without, so that a cheap literal scan
// (start_literals.hpp) tells which patterns a text could match before any pattern is run.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "detect/start_literals.hpp"

namespace smpolicy {

// The most sets `required_word_sets` gives for one pattern.
constexpr std::size_t k_most_sets = 4;

// Sets of literal strings such that every match of `pattern` (PCRE syntax, as the
// lexicon's patterns.tsv writes them) holds at least one string of each set, byte for byte
// and case as written, each given as a StartLiteral (start_literals.hpp) that is then
// found at a start. A set is what the match must spell at one point: plain characters,
// times the alternatives of each group it cannot skip ("my (year|yr)" gives "my year" and
// "my yr"), across zero-width tests such as \b. A string has no lead where what comes
// before it in the pattern makes a start (a \b before a word character, '^', a space...),
// and otherwise a lead up to just after its first byte that is not a lower-case letter or
// a digit ("#year 4" is found as "year 4" after a '#'); a set where a string has no such
// byte but its last is not used, nor is one that holds a string of a single byte. A string
// that begins with another of its set, of the same lead, is left out.
// Of the sets left, those without a very common English word, likeliest to be rare first
// (few words, long words), at most k_most_sets; where every set holds a common word, the
// likeliest to be rare alone.
// Empty when there is no set, or the pattern uses a construct this reading does not
// follow (top-level '|', '(?', a quantifier on a non-ASCII character): such a pattern must
// be run on every text.
std::vector<std::vector<StartLiteral>> required_word_sets(std::string_view pattern);

}  // namespace smpolicy
