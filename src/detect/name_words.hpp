// Private to detect: a post read word by word as the name detector sees it, and the cue
// words that put a name in a school context.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "detect/names.hpp"

namespace smpolicy::names_detail {

// One word of the plain view. Small, and built once per word of every post: the word's
// text is read from the plain view by its offsets (Context::word), not stored twice.
struct Token {
  std::uint64_t hash;       // word_hash of the word
  std::uint32_t begin, end;  // in the plain view, possessive excluded
  bool possessive;
  std::size_t size() const { return end - begin; }
};

// Words of the plain view: letters and digits, joined by inner hyphens and apostrophes
// ("anne-marie", "o'neill"); a trailing "'s" marks a possessive and is left off. The words
// are written at the start of `buffer`, which each thread reuses from post to post (it is
// grown as needed, never shrunk), and stay there until the next call. The text must be
// shorter than 4 GiB.
std::span<const Token> tokens_of(const std::string& s, std::vector<Token>& buffer);

// 2 for a word that puts a name in a school context ("year", "class"), 1 for a weak cue
// ("brilliant", "trip"), 0 for none. `hash` is word_hash(w).
signed char cue_strength(std::string_view w, std::uint64_t hash);

// "year4", "yr6", "y6": a year group written as one word, as in a hashtag.
bool year_word(std::string_view w);

}  // namespace smpolicy::names_detail
