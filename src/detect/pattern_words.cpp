// Reads the top level of a pattern as a sequence of items (plain characters, escapes,
// classes, groups), each perhaps quantified. Plain characters between other items form
// runs that every match contains; a group that is not optional contributes its
// alternatives' leading plain runs, one of which every match contains.
#include "detect/pattern_words.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace smpolicy {
namespace {

using Words = std::vector<std::string>;

bool plain(char c) {
  return std::string_view("\\()[]{}|?*+.^$").find(c) == std::string_view::npos;
}

// The end of the item starting at s[i] ('\\', '[' or '('), or npos when unclosed.
std::size_t item_end(std::string_view s, std::size_t i) {
  if (s[i] == '\\') return i + 2 <= s.size() ? i + 2 : std::string_view::npos;
  if (s[i] == '[') {
    std::size_t j = i + 1;
    if (j < s.size() && s[j] == '^') ++j;
    if (j < s.size() && s[j] == ']') ++j;
    for (; j < s.size(); ++j) {
      if (s[j] == '\\') ++j;
      else if (s[j] == ']') return j + 1;
    }
    return std::string_view::npos;
  }
  int depth = 0;
  for (std::size_t j = i; j < s.size(); ++j) {
    if (s[j] == '\\') {
      ++j;
    } else if (s[j] == '[') {
      j = item_end(s, j);
      if (j == std::string_view::npos) return j;
      --j;
    } else if (s[j] == '(') {
      ++depth;
    } else if (s[j] == ')' && --depth == 0) {
      return j + 1;
    }
  }
  return std::string_view::npos;
}

// The quantifier at s[i], if any: its length and whether it allows zero.
struct Quantifier {
  std::size_t length = 0;
  bool optional = false;
};

Quantifier quantifier_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return {};
  if (s[i] == '?' || s[i] == '*') return {1, true};
  if (s[i] == '+') return {1, false};
  if (s[i] != '{') return {};
  std::size_t close = s.find('}', i);
  if (close == std::string_view::npos) return {};
  return {close + 1 - i, i + 1 < s.size() && s[i + 1] == '0'};
}

// The parts of `s` between '|' at its own depth.
std::vector<std::string_view> alternatives(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' || s[i] == '[' || s[i] == '(') {
      std::size_t end = item_end(s, i);
      if (end == std::string_view::npos) return {};
      i = end - 1;
    } else if (s[i] == '|') {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  out.push_back(s.substr(start));
  return out;
}

// The plain characters an alternative starts with, less one a quantifier may remove;
// nullopt where that would cut a character of several bytes in two.
std::optional<std::string> leading_run(std::string_view s) {
  std::string run;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool literal = plain(c);
    if (c == '\\' && i + 1 < s.size() && !std::isalnum(static_cast<unsigned char>(s[i + 1]))) {
      c = s[++i];
      literal = true;
    }
    if (!literal) break;
    Quantifier q = quantifier_at(s, i + 1);
    if (q.length && (static_cast<unsigned char>(c) & 0x80)) return std::nullopt;
    if (q.optional) break;
    run += c;
    if (q.length) break;
  }
  return run;
}

std::size_t shortest(const Words& words) {
  std::size_t n = words.empty() ? 0 : words.front().size();
  for (const auto& w : words) n = std::min(n, w.size());
  return n;
}

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

class Reader {
 public:
  explicit Reader(std::string_view pattern) : m_s(pattern) {}

  // Every candidate set, or nullopt where the pattern is beyond this reading.
  std::optional<std::vector<Words>> candidates() {
    if (m_s.find("(?") != std::string_view::npos) return std::nullopt;
    for (std::size_t i = 0; i < m_s.size();) {
      char c = m_s[i];
      if (c == '|') return std::nullopt;
      if (c == '(' || c == '[' || (c == '\\' && i + 1 < m_s.size() && std::isalnum(static_cast<unsigned char>(m_s[i + 1])))) {
        std::size_t end = item_end(m_s, i);
        if (end == std::string_view::npos) return std::nullopt;
        Quantifier q = quantifier_at(m_s, end);
        if (c == '(' && !q.optional && !group(m_s.substr(i + 1, end - i - 2))) return std::nullopt;
        end_run();
        i = end + q.length;
        continue;
      }
      if (!plain(c) && c != '\\') {  // '^', '$', '.', or a stray quantifier
        end_run();
        ++i;
        continue;
      }
      std::size_t width = c == '\\' ? 2 : 1;
      if (c == '\\') c = m_s[i + 1];
      Quantifier q = quantifier_at(m_s, i + width);
      if (q.length && (static_cast<unsigned char>(c) & 0x80)) return std::nullopt;
      if (q.optional) {
        end_run();
      } else {
        m_run += c;
        if (q.length) end_run();
      }
      i += width + q.length;
    }
    end_run();
    return m_sets;
  }

 private:
  void end_run() {
    if (!m_run.empty()) m_sets.push_back(Words{m_run});
    m_run.clear();
  }

  // A group the match cannot skip; false where an alternative cannot be read.
  bool group(std::string_view inside) {
    Words words;
    for (auto alt : alternatives(inside)) {
      auto run = leading_run(alt);
      if (!run) return false;
      words.push_back(*run);
    }
    if (words.empty()) return false;
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    if (shortest(words) > 0) m_sets.push_back(std::move(words));
    return true;
  }

  std::string_view m_s;
  std::string m_run;
  std::vector<Words> m_sets;
};

}  // namespace

std::vector<std::string> required_words(std::string_view pattern) {
  auto sets = Reader(pattern).candidates();
  if (!sets) return {};
  const Words* best = nullptr;
  for (const auto& set : *sets) {
    if (shortest(set) >= 2 && (!best || rarity(set) > rarity(*best))) best = &set;
  }
  if (!best) return {};
  return *best;
}

}  // namespace smpolicy
