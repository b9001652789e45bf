// Private to detect: what the words around a name say of it (a cue nearby, a capital, a
// list, a relative, a month).
#pragma once

#include <cctype>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "detect/name_lists.hpp"
#include "detect/name_words.hpp"
#include "detect/names.hpp"

namespace smpolicy::names_detail {

// The tokens of one post and what is known of each, read by the name detector.
struct Context {
  const NormalisedText& plain;
  std::string_view original;
  std::span<const Token> tokens;
  std::vector<WordLists>& known_lists;  // per token: k_unread before it is looked up
  mutable int post_cue = -1;            // cue_in_post once worked out (0 or 1), -1 before

  static constexpr WordLists k_unread = 0xFFFF;  // no word is on every list
  // The lists token k is on, looked up once per post.
  WordLists lists(std::size_t k) const {
    if (known_lists[k] == k_unread) known_lists[k] = word_lists(word(k), tokens[k].hash);
    return known_lists[k];
  }
  bool on(std::size_t k, WordLists list) const { return (lists(k) & list) != 0; }
  signed char cue_level(std::size_t k) const { return cue_level_of(lists(k)); }
  bool cue(std::size_t k) const { return on(k, k_strong_cue); }

  // The text of a word, read from the plain view.
  std::string_view word(const Token& t) const { return std::string_view(plain.text.data() + t.begin, t.size()); }
  std::string_view word(std::size_t k) const { return word(tokens[k]); }

  char original_first(const Token& t) const { return original[plain.begin_of(t.begin)]; }
  // A capital of ASCII, as std::isupper in the "C" locale, which the program never leaves.
  bool capitalised(const Token& t) const {
    char first = original_first(t);
    return first >= 'A' && first <= 'Z';
  }
  bool possessive(const Token& t) const { return t.possessive(plain.text); }
  bool adjacent(std::size_t a, std::size_t b) const { return tokens[b].begin == tokens[a].end + 1; }
  // Written straight after '#' or '@'.
  bool hashtag(const Token& t) const {
    return t.begin > 0 && (plain.text[t.begin - 1] == '#' || plain.text[t.begin - 1] == '@');
  }

  // True when the token opens a sentence: nothing but spaces since the text began or
  // since . ! ? or a line break (read in the original, where line breaks survive).
  bool sentence_start(const Token& t) const;
  // The strongest cue within six words of token i: 2 strong, 1 weak, 0 none.
  int cue_near(std::size_t i) const;
  // Whether any word of the post is a cue, strong or weak, worked out once per post (every
  // given name may ask). Its strength is never asked, so the search ends at the first.
  bool cue_in_post() const;
  // The token after `a` in a list of names ("Ollie, Grace and Billy", "Ollie & Billy"), or
  // tokens.size() when none follows.
  std::size_t next_in_list(std::size_t a) const;
  // Where a name is expected, whatever its case: after "well done (to)", "congrats (to)",
  // "proud of", "shout out to", "thanks (you) to", or before "in Year 4", "from Reception".
  bool name_slot(std::size_t i) const;
  // "my sister May", "a cat called Ruby", "star sign is Leo": the name is someone else's.
  bool someone_else(std::size_t i) const;
  // "Amazing Grace", "Noah's Ark": the name is part of a longer proper noun.
  bool inside_proper_noun(std::size_t i) const;
  // Written in capitals, and longer than one letter.
  bool acronym(const Token& t) const;
  // "Hillside Road": a capitalised place noun right after the school's name.
  bool place_follows(std::size_t end) const;
};

// What the words around a bare given name say, worked out once per word.
struct GivenContext {
  bool caps = false, start = false, possessive = false, proper_noun = false, someone_else = false;
  bool after_capital = false;  // "Amazing Grace": a capitalised word just before, not a title or cue
  bool opens_clause = false;   // "Zofia was ...", "Zofia's ...": a lower-case word or a possessive follows
  bool listed = false;         // "Rose, Holly and Ivy": listed with capitalised words, which explain its capital
  bool slot = false;           // "well done grace", "GRACE IN YEAR 4": where a name is expected
  bool shouted = false;        // written in capitals with its neighbours, which says nothing of names
  bool after_opening = false;  // "Today Siobhan": the capitalised word before opens the sentence
  bool word_opening = false;   // "Hope the ...", "Will you ...": opens a sentence as a verb would
  int cue = 0;  // the strongest cue near: 2 strong, 1 weak, 0 none
  int cue_apart = 0;    // the same, leaving out the word right after ("Summer term")
  // A cue, strong or weak, anywhere in the post; worked out only where cue is 0 and slot
  // false (it is read only as a weak cue beside them), and false elsewhere.
  bool cue_in_post = false;
  std::string_view next_capitalised;  // a capitalised word right after: someone's surname?
};

// Whether some of the roster's names a word may be are also ordinary words ("Grace").
enum class OrdinaryNames : bool { none, some };

// The context of the bare given name at token i. Where none of the names it may be is an
// ordinary word, what given_name_confidence reads only of those (cue_apart, word_opening,
// listed) is left unread: cue_apart as cue, the others false. Where, besides, a strong cue
// is near (cue 2), it reads only caps, proper_noun, someone_else and next_capitalised, and
// start, slot, cue_in_post, after_capital, after_opening and opens_clause are left false.
GivenContext given_context(const Context& c, std::size_t i, OrdinaryNames ordinary);

// How sure a bare given name refers to the roster person, from its context; 0 for "not".
// A name that is also an ordinary word ("Grace", "Summer") needs a capital and a cue; an
// unusual one ("Zofia") needs only a cue, and a weak one will do. `family` is the owner's
// lower-case family name, read only when a capitalised word follows the name.
float given_name_confidence(const GivenContext& g, bool ordinary_given, const std::string& family);

}  // namespace smpolicy::names_detail
