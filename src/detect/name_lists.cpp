// The name detector's word lists, and the one table that looks a word up in all of them.
#include "detect/name_lists.hpp"

#include <array>
#include <span>

#include "detect/name_keys.hpp"  // same_text
#include "detect/name_words.hpp"
#include "detect/names.hpp"

namespace smpolicy::names_detail {
namespace {

// Words that put a bare given name in a school context: a pupil, a class, an award.
// Strong cues may vouch for a name that is also an ordinary word ("Grace in Year 4").
constexpr std::array<std::string_view, 42> k_cues = {
    "year", "yr", "class", "pupil", "pupils", "student", "well", "done", "congratulations", "congrats",
    "proud", "superstar", "award", "certificate", "reception", "nursery", "captain", "form", "assembly",
    "homework", "sats", "nativity", "ta", "teacher", "classroom", "playground", "school", "maths", "phonics",
    "spellings", "term", "handwriting", "awarded", "shoutout", "headteacher", "merit", "sticker", "stickers",
    "attendance", "licence", "governor", "governors"};
// Weak cues: praise and classroom words that also turn up in everyday posts, so they vouch
// only for a name that is no ordinary word ("Amelia did brilliant work", not "Sunny day, brilliant").
constexpr std::array<std::string_view, 41> k_weak_cues = {
    "brilliant", "amazing", "fantastic", "superb", "star", "stars", "legend", "shout", "learnt", "learned",
    "reading", "read", "writing", "spelling", "story", "tables", "project", "science", "kids", "children",
    "trip", "sports", "concert", "choir", "lesson", "lessons", "club", "team", "football", "netball", "team's",
    "scored", "goal", "goals", "effort", "chair", "colleague", "colleagues", "deputy", "staff", "office"};
constexpr std::array<std::string_view, 13> k_titles = {"mr",   "mrs",  "miss",       "ms",  "mx",  "dr",  "sir",
                                                       "madam", "cllr", "councillor", "rev", "revd", "prof"};
constexpr std::array<std::string_view, 8> k_parent_words = {"mum", "mummy", "mom", "dad", "daddy", "mother", "father", "parents"};
// Words before a name that make it someone else's: a relative, a friend, a pet, a star sign.
constexpr std::array<std::string_view, 40> k_not_pupil_before = {
    "my", "sister", "brother", "son", "daughter", "niece", "nephew", "cousin", "nan", "nana", "gran", "granny",
    "grandad", "grandma", "grandpa", "aunt", "auntie", "uncle", "husband", "wife", "partner", "friend", "mate",
    "dog", "cat", "puppy", "kitten", "hamster", "pony", "horse", "rabbit", "called", "named", "a", "an", "the",
    "is", "prince", "princess", "baby"};
// Nouns that make "Hillside" part of another name: "Hillside Road", "Hillside Care Centre".
constexpr std::array<std::string_view, 24> k_place_nouns = {
    "road", "street", "lane", "avenue", "drive", "close", "way", "court", "park", "estate", "farm", "house",
    "hotel", "church", "care", "centre", "center", "surgery", "medical", "health", "hospital", "station",
    "garage", "nursing"};
// Words that follow a sentence-opening "Hope", "Will" or "May" read as the verb: "Hope the
// fair stays dry", "Will you be there?", "May I ask".
constexpr std::array<std::string_view, 22> k_after_a_verb_words = {
    "the", "a", "an", "you", "your", "everyone", "everybody", "all", "we", "i", "it", "they", "this", "that",
    "these", "those", "he", "she", "there", "someone", "anyone", "our"};
constexpr std::array<std::string_view, 12> k_months = {"january", "february", "march", "april", "may", "june",
                                                        "july", "august", "september", "october", "november", "december"};
constexpr std::array<std::string_view, 14> k_before_a_month_words = {
    "in", "since", "until", "till", "by", "of", "this", "next", "last", "early", "late", "mid", "from", "during"};

// Every listed word in a flat table by word_hash, built as the program is compiled: most
// words looked up are on no list, which one probe of an empty or unequal cell says.
struct Cell {
  std::uint64_t hash = 0;
  std::string_view word;
  WordLists lists = 0;  // 0 for an empty cell
};
constexpr std::size_t k_cells = std::size_t{1} << k_list_cell_bits;
constexpr int k_shift = k_list_cell_shift;

constexpr void add(std::array<Cell, k_cells>& cells, std::span<const std::string_view> words, WordLists list) {
  for (std::string_view w : words) {
    const std::uint64_t hash = word_hash(w);
    std::size_t at = hash >> k_shift;
    while (cells[at].lists != 0 && cells[at].word != w) at = (at + 1) % k_cells;
    cells[at].hash = hash;
    cells[at].word = w;
    cells[at].lists |= list;
  }
}

constexpr std::array<Cell, k_cells> k_table = [] {
  std::array<Cell, k_cells> cells{};
  add(cells, k_cues, k_strong_cue);
  add(cells, k_weak_cues, k_weak_cue);
  add(cells, k_titles, k_title);
  add(cells, k_parent_words, k_parent);
  add(cells, k_not_pupil_before, k_someone_else);
  add(cells, k_place_nouns, k_place_noun);
  add(cells, k_after_a_verb_words, k_after_a_verb);
  add(cells, k_months, k_month);
  add(cells, k_before_a_month_words, k_before_a_month);
  return cells;
}();

// The listed words, each once, and the number of each cell's word among them: the cells
// kept at run time hold no text, which a word longer than eight bytes is compared with
// (its hash and length do not tell it apart), so the table of Cells above, four times
// their size, is read only as the program is compiled.
struct ListedWords {
  std::array<std::string_view, 256> text{};
  std::array<std::uint8_t, k_cells> of_cell{};
};
constexpr ListedWords k_words = [] {
  ListedWords words;
  std::size_t n = 0;
  for (std::size_t at = 0; at < k_cells; ++at) {
    if (k_table[at].lists == 0) continue;
    if (n == words.text.size()) throw "more listed words than ListedWords holds";
    words.text[n] = k_table[at].word;
    words.of_cell[at] = static_cast<std::uint8_t>(n++);
  }
  return words;
}();

}  // namespace

constexpr std::array<ListCell, k_cells> k_list_cells = [] {
  std::array<ListCell, k_cells> cells{};
  for (std::size_t at = 0; at < k_cells; ++at) {
    const Cell& cell = k_table[at];
    cells[at].hash = cell.hash;
    cells[at].lists = cell.lists;
    cells[at].size = static_cast<std::uint16_t>(cell.word.size());
    // word_lists leaves out the test for a year group, which ends in a digit, when a word
    // is found in its cell.
    if (cell.lists != 0 && cell.word.back() >= '0' && cell.word.back() <= '9') throw "a listed year group";
  }
  for (std::size_t at = 0; at < k_cells; ++at) {
    const std::size_t first = k_table[at].hash >> k_shift;
    if (k_table[at].lists != 0 && first != at) cells[first].more = true;
  }
  return cells;
}();

WordLists listed_word_lists(std::string_view w, std::uint64_t hash) {
  WordLists lists = 0;
  for (std::size_t at = hash >> k_shift;; at = (at + 1) % k_cells) {
    const ListCell& cell = k_list_cells[at];
    if (cell.lists == 0) break;
    // The hash has matched, so the words most often are the same: compared in line.
    if (cell.hash == hash && same_text(k_words.text[k_words.of_cell[at]], w)) {
      lists = cell.lists;
      break;
    }
  }
  // Only a word starting with 'y' can be a year group, so most words skip the test.
  return !w.empty() && w.front() == 'y' && year_word(w) ? lists | k_strong_cue : lists;
}

}  // namespace smpolicy::names_detail
