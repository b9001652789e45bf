// Reads the top level of a pattern as a sequence of items (plain characters, escapes,
// classes, groups), each perhaps quantified, and spells out the literal strings a match
// must contain (pattern_reader.hpp).
#include "detect/pattern_reader.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace smpolicy::pattern_reading {
namespace {

// The edge after an item spelt one of `words`, where `before` was the edge before it.
Edge edge_after(const Words& words, Edge before) {
  Edge after = Edge::start;
  for (const auto& w : words) {
    Edge e = w.empty() ? before : (letter_or_digit(w.back()) ? Edge::none : Edge::start);
    after = std::min(after, e);
  }
  return after;
}

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

// The characters of a class such as [1-9] or [- ], or nullopt where it is negated, holds
// an escape or a character of several bytes, or holds more than a few characters.
std::optional<Words> class_chars(std::string_view inside) {
  constexpr std::size_t k_most_chars = 16;
  if (inside.empty() || inside.front() == '^' || inside.find('\\') != std::string_view::npos) return std::nullopt;
  Words out;
  for (std::size_t i = 0; i < inside.size(); ++i) {
    unsigned char first = static_cast<unsigned char>(inside[i]), last = first;
    if (i + 2 < inside.size() && inside[i + 1] == '-') {
      last = static_cast<unsigned char>(inside[i + 2]);
      i += 2;
    }
    if (first >= 0x80 || last >= 0x80 || last < first || out.size() + (last - first) >= k_most_chars) return std::nullopt;
    for (unsigned ch = first; ch <= last; ++ch) out.push_back(std::string(1, static_cast<char>(ch)));
  }
  return out;
}

// Reads the pattern left to right, keeping a chain: the literal strings the text must
// hold at the current point of a match, one of them spelt out. Plain characters extend
// every string of the chain; a group the match cannot skip multiplies it by its
// alternatives; a zero-width test (\b, ^, $) leaves it as it is; anything else ends it, and
// an ended chain is one set of required words.
class Reader {
 public:
  explicit Reader(std::string_view pattern) : m_s(pattern) {}

  // Every spelling of the whole pattern, where it is one chain from end to end (such as
  // "bake[- ]?off"); nullopt otherwise.
  std::optional<Words> whole() {
    auto all = sets();
    if (!all || m_ends != 1) return std::nullopt;
    return m_last;
  }

  // Every set, or nullopt where the pattern is beyond this reading.
  std::optional<std::vector<EdgedSet>> sets() {
    if (m_s.find("(?") != std::string_view::npos) return std::nullopt;
    for (std::size_t i = 0; i < m_s.size();) {
      char c = m_s[i];
      if (c == '|') return std::nullopt;
      bool escape_class = c == '\\' && i + 1 < m_s.size() && std::isalnum(static_cast<unsigned char>(m_s[i + 1]));
      // Escapes that stand for a character ("\x41", "\101") or refer back ("\1") are not
      // followed: the pattern is then run on every text.
      if (escape_class && std::string_view("bBdDsSwWhHvVRAzZGKtnrfea").find(m_s[i + 1]) == std::string_view::npos) {
        return std::nullopt;
      }
      if (c == '(' || c == '[' || escape_class) {
        std::size_t end = item_end(m_s, i);
        if (end == std::string_view::npos) return std::nullopt;
        Quantifier q = quantifier_at(m_s, end);
        std::string_view inside = m_s.substr(i + 1, end - i - 2);
        if (c == '(') {
          if (!group(inside, q, m_s.substr(end, q.length))) return std::nullopt;
        } else if (auto chars = c == '[' ? class_chars(inside) : std::nullopt) {
          spelt(*chars, q, m_s.substr(end, q.length));
        } else if (escape_class && m_s[i + 1] == 'b' && !q.length) {
          m_edge = std::max(m_edge, Edge::boundary);  // no width: the byte before is as it was
        } else if (!(escape_class && m_s[i + 1] == 'B' && !q.length)) {
          end_chain();  // a class of many characters, \d, \s...; \B has no width
          m_edge = Edge::none;
        }
        i = end + q.length;
        continue;
      }
      if (c == '^' || c == '$') {  // zero width: the chain goes on
        if (c == '^') m_edge = Edge::start;  // the text's start
        ++i;
        continue;
      }
      if (!plain(c) && c != '\\') {  // '.', or a stray quantifier
        end_chain();
        m_edge = Edge::none;
        ++i;
        continue;
      }
      std::size_t width = c == '\\' ? 2 : 1;
      if (c == '\\') c = m_s[i + 1];
      Quantifier q = quantifier_at(m_s, i + width);
      if (q.length && (static_cast<unsigned char>(c) & 0x80)) return std::nullopt;
      spelt({std::string(1, c)}, q, m_s.substr(i + width, q.length));
      i += width + q.length;
    }
    end_chain();
    return m_sets;
  }

 private:
  // Strings of a chain beyond which it is cut short: each is a literal the text scan
  // looks for.
  static constexpr std::size_t k_most_words = 512;

  static std::size_t count(const std::vector<Words>& items) {
    std::size_t n = 1;
    for (const auto& item : items) n *= item.size();
    return n;
  }

  static Words spell(const std::vector<Words>& items) {
    Words out{""};
    for (const auto& item : items) {
      Words next;
      for (const auto& head : out) {
        for (const auto& tail : item) next.push_back(head + tail);
      }
      out = std::move(next);
    }
    return out;
  }

  // Where the chain would grow too long, what it spells so far is one set, and its first
  // items are let go until it is short enough: "year 4 were" becomes the sets "year 4"
  // and "4 were". The item is added after the edge m_edge.
  void multiply(Words by) {
    if (count(m_items) * by.size() > k_most_words) {
      push(spell(m_items));
      m_items.push_back(std::move(by));
      m_item_edges.push_back(m_edge);
      while (m_items.size() > 1 && count(m_items) > k_most_words) {
        m_items.erase(m_items.begin());
        m_item_edges.erase(m_item_edges.begin());
      }
      return;
    }
    m_items.push_back(std::move(by));
    m_item_edges.push_back(m_edge);
  }

  // The chain so far as a set, with the edge before its first item.
  void push(const Words& set) {
    if (shortest(set) > 0) m_sets.push_back({set, m_item_edges.empty() ? Edge::none : m_item_edges.front()});
  }

  void end_chain() {
    m_last = spell(m_items);
    push(m_last);
    m_items.clear();
    m_item_edges.clear();
    ++m_ends;
  }

  // An item spelt one of `alternatives` exactly, quantified by `q` (written `how`).
  void spelt(const Words& alternatives, Quantifier q, std::string_view how) {
    const Edge before = m_edge;
    if (q.optional && how == "?") {
      Words or_none = alternatives;
      or_none.push_back("");
      multiply(or_none);
      m_edge = edge_after(or_none, before);
    } else if (q.optional) {
      end_chain();
      m_edge = std::min(before, edge_after(alternatives, before));  // none, or some, the last ending it
    } else {
      multiply(alternatives);
      m_edge = edge_after(alternatives, before);
      if (q.length) end_chain();  // repeated: what follows the first time is not known
    }
  }

  // A group; false where an alternative of a group the match cannot skip cannot be read.
  bool group(std::string_view inside, Quantifier q, std::string_view how) {
    Words whole, leading;
    bool all_literal = true;
    for (auto alt : alternatives(inside)) {
      auto run = leading_run(alt);
      if (!run && !q.optional) return false;
      leading.push_back(run.value_or(""));
      auto text = Reader(alt).whole();
      all_literal = all_literal && text.has_value();
      if (text) whole.insert(whole.end(), text->begin(), text->end());
    }
    if (leading.empty()) return false;
    if (all_literal) {
      spelt(whole, q, how);
      return true;
    }
    if (!q.optional) multiply(leading);
    end_chain();
    m_edge = Edge::none;
    return true;
  }

  std::string_view m_s;
  std::vector<Words> m_items;  // the chain: one string of each item, in turn
  std::vector<Edge> m_item_edges;  // the edge before each item of the chain
  Edge m_edge = Edge::none;  // the edge at the point read up to
  Words m_last;
  std::vector<EdgedSet> m_sets;
  int m_ends = 0;  // chains ended, the last at the pattern's end included
};
}  // namespace

std::size_t shortest(const Words& words) {
  std::size_t n = words.empty() ? 0 : words.front().size();
  for (const auto& w : words) n = std::min(n, w.size());
  return n;
}

std::optional<std::vector<EdgedSet>> required_sets(std::string_view pattern) { return Reader(pattern).sets(); }

}  // namespace smpolicy::pattern_reading
