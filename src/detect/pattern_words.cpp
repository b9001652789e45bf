// Picks, of the sets of words a pattern requires (pattern_reader.hpp), those to find at
// starts before the pattern is run (pattern_words.hpp).
#include "detect/pattern_words.hpp"

#include <algorithm>
#include <optional>
#include <tuple>

#include "detect/pattern_reader.hpp"

namespace smpolicy {
namespace {

using pattern_reading::Edge;
using pattern_reading::EdgedSet;
using pattern_reading::letter_or_digit;
using pattern_reading::shortest;
using pattern_reading::Words;

// Words so common in English that a set holding one is met in most posts.
bool common_word(std::string_view word) {
  while (!word.empty() && word.front() == ' ') word.remove_prefix(1);
  while (!word.empty() && word.back() == ' ') word.remove_suffix(1);
  static constexpr std::string_view k_common[] = {
      "a", "all", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by", "can", "did", "do", "for",
      "from", "had", "has", "have", "he", "her", "him", "his", "i", "if", "in", "is", "it", "its", "just", "like",
      "me", "my", "no", "not", "of", "on", "one", "or", "our", "out", "she", "so", "that", "the", "their", "them",
      "then", "they", "this", "to", "up", "us", "was", "we", "were", "what", "who", "will", "with", "you", "your"};
  return std::find(std::begin(k_common), std::end(k_common), word) != std::end(k_common);
}

// How rarely a text holds one of `words`, roughly: a common word makes the set met in
// most posts; otherwise fewer and longer words are rarer. Only speed depends on it.
double rarity(const Words& words) {
  double often = 0;
  for (const auto& w : words) often += common_word(w) ? 100.0 : 1.0 / static_cast<double>(w.size());
  return 1.0 / often;
}

// The word as the text must hold it at a start wherever a match spells it after `edge`:
// from its first byte after a start, or after a \b where it opens with a word character;
// otherwise with a lead up to just after its first byte that is not a letter or digit
// ("#year 4" is found as "year 4" after a '#'), or nullopt where there is none but the last.
std::optional<StartLiteral> at_a_start(const std::string& word, Edge edge) {
  auto word_character = [](char c) { return letter_or_digit(c) || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (edge == Edge::start || (edge == Edge::boundary && word_character(word.front()))) return StartLiteral(word);
  for (std::size_t j = 1; j < word.size(); ++j) {
    if (!letter_or_digit(word[j - 1])) return StartLiteral(word, static_cast<std::uint32_t>(j));
  }
  return std::nullopt;
}

// The set's words as they lie at a start, sorted by lead and then text, without a word
// that begins with another of the same lead (found at the same start, the shorter tells
// as much); nullopt where a word cannot be put so.
std::optional<std::vector<StartLiteral>> at_starts(const EdgedSet& set) {
  std::vector<StartLiteral> words;
  for (const auto& word : set.words) {
    auto at_start = at_a_start(word, set.edge);
    if (!at_start) return std::nullopt;
    words.push_back(std::move(*at_start));
  }
  auto by_lead = [](const StartLiteral& a, const StartLiteral& b) { return std::tie(a.lead, a.text) < std::tie(b.lead, b.text); };
  std::sort(words.begin(), words.end(), by_lead);
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::vector<StartLiteral> kept;
  for (auto& word : words) {
    if (kept.empty() || kept.back().lead != word.lead || !word.text.starts_with(kept.back().text)) kept.push_back(std::move(word));
  }
  return kept;
}

Words texts_of(const std::vector<StartLiteral>& words) {
  Words out;
  for (const auto& w : words) out.push_back(w.text);
  return out;
}

}  // namespace

std::vector<std::vector<StartLiteral>> required_word_sets(std::string_view pattern) {
  auto sets = pattern_reading::required_sets(pattern);
  if (!sets) return {};
  std::vector<std::vector<StartLiteral>> usable, chosen;
  for (const auto& set : *sets) {
    auto words = at_starts(set);
    if (words && shortest(texts_of(*words)) >= 2) usable.push_back(std::move(*words));
  }
  auto rarity_of = [](const std::vector<StartLiteral>& set) { return rarity(texts_of(set)); };
  std::stable_sort(usable.begin(), usable.end(), [&](const auto& a, const auto& b) { return rarity_of(a) > rarity_of(b); });
  // Sets of common words are met in most posts; one is kept only where nothing else is.
  for (auto& set : usable) {
    bool common = std::any_of(set.begin(), set.end(), [](const StartLiteral& w) { return common_word(w.text); });
    if (!common && chosen.size() < k_most_sets) chosen.push_back(set);
  }
  if (chosen.empty() && !usable.empty()) chosen.push_back(std::move(usable.front()));
  return chosen;
}
}  // namespace smpolicy
