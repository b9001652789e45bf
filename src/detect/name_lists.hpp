// Private to detect: the short word lists the name detector reads the words around a name
// against (cues, titles, relatives, months and the like). They are gathered in one table
// looked up by word_hash, which every token already carries, so one probe tells every list
// a word is on, where a search of each list in turn compared it with some two hundred words.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace smpolicy::names_detail {

// The lists a word is on, one bit each.
using WordLists = std::uint16_t;
constexpr WordLists k_strong_cue = 1 << 0;        // "year", "class", "year4": a school context
constexpr WordLists k_weak_cue = 1 << 1;          // "brilliant", "trip": a school context only for an unusual name
constexpr WordLists k_title = 1 << 2;             // "mr", "mrs", "dr", "cllr"
constexpr WordLists k_parent = 1 << 3;            // "mum", "dad", "parents"
constexpr WordLists k_someone_else = 1 << 4;      // "my", "sister", "called": the name after it is someone else's
constexpr WordLists k_place_noun = 1 << 5;        // "road", "centre": "Hillside Road" is a place
constexpr WordLists k_after_a_verb = 1 << 6;      // "the", "you": "Hope the ...", "Will you ..."
constexpr WordLists k_month = 1 << 7;             // "january" to "december"
constexpr WordLists k_before_a_month = 1 << 8;    // "in", "since", "next": "in May" is a month

// The table behind word_lists, by the top bits of a word's hash: a cell holds the
// hash, the lists and the length of the word that is there, 0 lists when empty, and
// whether a word whose first cell it is went on to a later cell, the cell being taken.
// Some two hundred words in 4096 cells, so few words of a post (and few common ones: "the",
// "of") find their first cell taken by another and must search on.
constexpr int k_list_cell_bits = 12;
constexpr int k_list_cell_shift = 64 - k_list_cell_bits;
struct ListCell {
  std::uint64_t hash = 0;
  WordLists lists = 0;
  std::uint16_t size = 0;
  bool more = false;
};
extern const std::array<ListCell, std::size_t{1} << k_list_cell_bits> k_list_cells;
// The search of the table past a word's first cell, for a longer word or one whose first
// cell sent some word on.
WordLists listed_word_lists(std::string_view w, std::uint64_t hash);

// Every list `w` is on, as bits; 0 for none. `hash` is word_hash(w). A year group written
// as one word ("year4", "yr6", "y6") counts as a strong cue. Inline: most words are on no
// list, which their first cell says, empty or another word's, from which no word went on;
// most listed words are in their first cell, where a word of up to eight bytes is told by
// its hash and length alone (same_word). No listed word is a year group, so the test for
// one is left to the search.
inline WordLists word_lists(std::string_view w, std::uint64_t hash) {
  const ListCell& cell = k_list_cells[hash >> k_list_cell_shift];
  const bool here = cell.hash == hash && cell.size == w.size();
  if (here && w.size() <= 8) return cell.lists;
  if (!here && !cell.more && (w.empty() || w.front() != 'y')) return 0;
  return listed_word_lists(w, hash);
}

// 2 for a word on the strong cue list, 1 for one on the weak list only, 0 for neither.
constexpr signed char cue_level_of(WordLists lists) {
  return (lists & k_strong_cue) != 0 ? 2 : (lists & k_weak_cue) != 0 ? 1 : 0;
}

}  // namespace smpolicy::names_detail
