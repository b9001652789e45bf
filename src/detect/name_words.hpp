// Private to detect: a post read word by word as the name detector sees it.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "detect/name_keys.hpp"
#include "detect/names.hpp"

namespace smpolicy::names_detail {

// One word of the plain view. Small, and built once per word of every post: the word's
// text is read from the plain view by its offsets (Context::word), not stored twice.
// Sixteen bytes, three stores a word: whether it is a possessive is read from the text.
struct Token {
  std::uint64_t hash;       // word_hash of the word
  std::uint32_t begin, end;  // in the plain view, possessive excluded
  std::size_t size() const { return end - begin; }
  // Whether the word is a possessive ("ollie's", "james'"), given `text`, the plain view
  // it was read from. Only then does an apostrophe follow it: the "'s" left off starts with
  // one, and an apostrophe between a word and a letter joins the two into one word.
  bool possessive(const std::string& text) const { return text[end] == '\''; }
};
static_assert(sizeof(Token) == 16);

// A post's words as tokens_of reads them, and which of them may start a key.
struct Words {
  std::span<const Token> tokens;
  // The tokens the filter may hold, in order, by address: a word's address is at hand as
  // it is written, where its number would take a register and an addition for every word.
  std::span<const Token* const> keyed;
};

// The words each thread reuses from post to post: grown as needed, never shrunk.
struct WordBuffers {
  std::vector<Token> tokens;
  std::vector<const Token*> keyed;
};

// Words of the plain view: letters and digits, joined by inner hyphens and apostrophes
// ("anne-marie", "o'neill"); a trailing "'s" marks a possessive and is left off. The words
// are written at the start of `buffers` and stay there until the next call. The addresses of
// those whose hash `filter` may hold are listed as the words are read, so the name index
// need look at no other word again. The text must be shorter than 4 GiB.
Words tokens_of(const std::string& s, const KeyFilter& filter, WordBuffers& buffers);

// "year4", "yr6", "y6": a year group written as one word, as in a hashtag.
bool year_word(std::string_view w);

}  // namespace smpolicy::names_detail
