// Private to detect: words a pattern cannot match without, so that a cheap literal scan
// tells which patterns a text could match before any pattern is run.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace smpolicy {

// Literal strings of which every match of `pattern` (PCRE syntax, as the lexicon's
// patterns.tsv writes them) contains at least one, byte for byte and case as written:
// the alternatives of a group the pattern cannot skip, or a run of plain characters.
// Of the sets the pattern offers with words of two bytes or more, the one likeliest to be
// rare: no very common English word, few words, long words. Empty when there is none, or the pattern uses a
// construct this reading does not follow (top-level '|', '(?', a quantifier on a
// non-ASCII character): such a pattern must be run on every text.
std::vector<std::string> required_words(std::string_view pattern);

}  // namespace smpolicy
