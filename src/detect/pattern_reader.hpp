// Private to detect: reads a pattern (PCRE syntax, as the lexicon's patterns.tsv writes
// them) for the literal strings every match must contain, each set with what is known of
// the byte before it. pattern_words.hpp picks among these sets; this file only reads.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smpolicy::pattern_reading {

using Words = std::vector<std::string>;

inline bool letter_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// What a point of a match is known to follow: nothing known; a \b (so a word character
// after it follows a byte that is not one); or a start (start_literals.hpp): the text's
// start or a byte that is not a lower-case letter or digit. Ordered weakest first.
enum class Edge { none, boundary, start };

// A set of required words and the edge before the chain that spelt them.
struct EdgedSet {
  Words words;
  Edge edge = Edge::none;
};

// The length of the shortest of `words`; 0 when there are none.
std::size_t shortest(const Words& words);

// Every set of literal strings the pattern requires (a match holds at least one string
// of each, byte for byte): what it must spell at one point, plain characters times the
// alternatives of each group it cannot skip, across zero-width tests such as \b; each
// with the edge before it. Nullopt where the pattern uses a construct this reading does
// not follow (top-level '|', '(?', an escape for a character or a back reference, a
// quantifier on a non-ASCII character).
std::optional<std::vector<EdgedSet>> required_sets(std::string_view pattern);

}  // namespace smpolicy::pattern_reading
