// The lexicon's view of a text: the tricks people use to get a word past a filter undone,
// byte by byte, so every match still maps back to the original text.
#include <array>
#include <cctype>
#include <cstring>
#include <utility>

#include "detect/detect.hpp"

namespace smpolicy {
namespace {

bool letter(char c) { return c >= 'a' && c <= 'z'; }

// Digits and symbols that stand in for letters inside a word ("sh1t", "@ss", "b!tch"), by
// byte: a table, as it is read for every byte of every post.
constexpr std::array<char, 256> k_leet = [] {
  std::array<char, 256> table{};
  for (auto [from, to] : {std::pair{'0', 'o'}, {'1', 'i'}, {'3', 'e'}, {'4', 'a'}, {'5', 's'}, {'7', 't'}, {'@', 'a'},
                          {'$', 's'}, {'!', 'i'}, {'|', 'l'}, {'+', 't'}}) {
    table[static_cast<unsigned char>(from)] = to;
  }
  return table;
}();

char leet(char c) { return k_leet[static_cast<unsigned char>(c)]; }

bool token_char(char c) { return letter(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '*' || leet(c); }


// Quick looks for whether a pass has anything to undo, so most posts skip the copying.
bool may_have_leet(const std::string& s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (leet(s[i]) && letter(s[i + 1]) && (i == 0 || letter(s[i - 1]) || s[i] == '@' || s[i] == '$')) return true;
  }
  return false;
}

// A lone letter with another lone letter two on ("f u c k"), or a letter three times
// over ("fuuuck"); looked for run by run of letters, since only those lengths can show it.
bool may_have_spacing(const std::string& s) {
  const std::size_t n = s.size();
  for (std::size_t a = 0; a < n;) {
    if (!letter(s[a])) {
      ++a;
      continue;
    }
    std::size_t b = a + 1;
    while (b < n && letter(s[b])) ++b;
    if (b - a == 1 && a + 2 < n && letter(s[a + 2]) && (a + 3 >= n || !letter(s[a + 3]))) return true;
    for (std::size_t i = a; i + 2 < b; ++i) {
      if (s[i] == s[i + 1] && s[i] == s[i + 2]) return true;
    }
    a = b;
  }
  return false;
}

// Pass 1: substitutes look-alike digits and symbols in tokens that are mostly letters.
// Byte for byte, so the map back to the original is the input's, moved.
NormalisedText undo_leet(NormalisedText in) {
  std::string& s = in.text;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!token_char(s[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    int letters = 0;
    while (end < s.size() && token_char(s[end])) letters += letter(s[end++]);
    std::size_t first_letter = i, last_letter = end;
    while (first_letter < end && !letter(s[first_letter])) ++first_letter;
    while (last_letter > i && !letter(s[last_letter - 1])) --last_letter;
    for (std::size_t j = i; j < end && letters >= 2; ++j) {
      char c = s[j], sub = leet(c);
      // Digits count as letters only inside a word ("sh1t", "n00b"), never at its edges
      // ("3pm", "4th", "covid19"); '@' and '$' may also open one ("@ss", "$hit").
      bool inside = j > first_letter && j < last_letter;
      bool opening = (c == '@' || c == '$') && j < first_letter;
      if (sub && (inside || opening)) s[j] = sub;
    }
    i = end;
  }
  return in;
}

// Length of a run "f.u.c.k" starting at i: letters joined by one repeated separator.
// Returns the index one past the last letter, or i when there is no such run.
std::size_t spaced_run(const std::string& s, std::size_t i) {
  if (!letter(s[i]) || (i > 0 && std::isalnum(static_cast<unsigned char>(s[i - 1])))) return i;
  char next = s[i + 1];
  if (i + 2 >= s.size() || !(next == '.' || next == '-' || next == '_' || next == '*' || next == '~' || next == ' ')) return i;
  char sep = s[i + 1];
  std::size_t j = i, last = i, count = 0;
  // Each step: a lone letter, then the separator and another lone letter, or stop.
  while (j < s.size() && letter(s[j]) && (j + 1 >= s.size() || !letter(s[j + 1]))) {
    ++count;
    last = j;
    if (j + 2 < s.size() && s[j + 1] == sep && letter(s[j + 2])) j += 2;
    else break;
  }
  j = last;
  std::size_t minimum = sep == ' ' ? 4 : 3;
  return count >= minimum ? j + 1 : i;
}

// Pass 2: joins spaced-out letters and shortens stretched ones ("fuuuuck").
NormalisedText undo_spacing(const NormalisedText& in) {
  const std::string& s = in.text;
  // The view only ever shrinks, so it is written in place and cut to length at the end.
  NormalisedText out;
  out.text.resize(s.size());
  out.from.resize(s.size());
  out.to.resize(s.size());
  std::size_t n = 0;
  auto copy = [&](std::size_t j) {
    out.text[n] = s[j];
    out.from[n] = in.begin_of(j);
    out.to[n] = in.end_of(j);
    ++n;
  };
  for (std::size_t i = 0; i < s.size();) {
    if (std::size_t end = spaced_run(s, i); end > i) {
      // "a s h i t": the article stands apart; the run proper starts after it.
      if ((s[i] == 'a' || s[i] == 'i') && s[i + 1] == ' ' && spaced_run(s, i + 2) > i + 2) {
        copy(i);
        copy(i + 1);
        i += 2;
        continue;
      }
      for (std::size_t j = i; j < end; j += 2) copy(j);
      i = end;
      continue;
    }
    std::size_t run = i + 1;
    while (run < s.size() && s[run] == s[i]) ++run;
    if (letter(s[i]) && run - i >= 3) {
      copy(i);  // three or more of a letter read as one
      i = run;
      continue;
    }
    copy(i);
    ++i;
  }
  out.text.resize(n);
  out.from.resize(n);
  out.to.resize(n);
  return out;
}

}  // namespace

NormalisedText deobfuscate(NormalisedText plain) {
  bool leet = may_have_leet(plain.text), spacing = may_have_spacing(plain.text);
  if (!leet && !spacing) return plain;  // most posts: the plain view, moved, not copied
  if (!leet) return undo_spacing(plain);
  NormalisedText unleeted = undo_leet(std::move(plain));
  return spacing || may_have_spacing(unleeted.text) ? undo_spacing(unleeted) : unleeted;
}

}  // namespace smpolicy
