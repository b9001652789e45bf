// The lexicon's view of a text: the tricks people use to get a word past a filter undone,
// byte by byte, so every match still maps back to the original text.
#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstring>
#include <string_view>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "detect/deobfuscate_tricks.hpp"
#include "detect/detect.hpp"

namespace smpolicy {
namespace {

using deobfuscate_detail::next_undo;
using deobfuscate_detail::spacing_near;
using deobfuscate_detail::tricks_in;

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

// Bytes of a token that may hold leetspeak: letters, digits, '*' and the look-alikes.
constexpr std::array<bool, 256> k_token = [] {
  std::array<bool, 256> table{};
  for (unsigned b = 0; b < 256; ++b) {
    char c = static_cast<char>(b);
    table[b] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '*' || k_leet[b];
  }
  return table;
}();

bool token_char(char c) { return k_token[static_cast<unsigned char>(c)]; }


// Pass 1, for one token s[i, end): substitutes its look-alikes when it is mostly letters.
// Widens `changed` to take in each byte substituted.
void undo_leet_token(std::string& s, std::size_t i, std::size_t end, std::pair<std::size_t, std::size_t>& changed) {
  int letters = 0;
  for (std::size_t j = i; j < end; ++j) letters += letter(s[j]);
  std::size_t first_letter = i, last_letter = end;
  while (first_letter < end && !letter(s[first_letter])) ++first_letter;
  while (last_letter > i && !letter(s[last_letter - 1])) --last_letter;
  for (std::size_t j = i; j < end && letters >= 2; ++j) {
    char c = s[j], sub = leet(c);
    // Digits count as letters only inside a word ("sh1t", "n00b"), never at its edges
    // ("3pm", "4th", "covid19"); '@' and '$' may also open one ("@ss", "$hit").
    bool inside = j > first_letter && j < last_letter;
    bool opening = (c == '@' || c == '$') && j < first_letter;
    if (sub && (inside || opening)) {
      s[j] = sub;
      changed = {std::min(changed.first, j), j + 1};
    }
  }
}

// Pass 1: substitutes look-alike digits and symbols in tokens that are mostly letters.
// Byte for byte, so the map back to the original is the input's, moved. Only a token
// holding a look-alike can change, so each is found from its first look-alike, which the
// C library finds quickly (stopping at a zero byte too, which is no look-alike).
// `changed` is set to the bytes from the first substituted to the last ({0, 0} where
// none was).
NormalisedText undo_leet(NormalisedText in, std::pair<std::size_t, std::size_t>& changed) {
  static constexpr const char* k_look_alikes = "013457@$!|+";
  std::string& s = in.text;
  changed = {s.size(), 0};
  for (std::size_t at = std::strcspn(s.c_str(), k_look_alikes); at < s.size(); at += std::strcspn(s.c_str() + at, k_look_alikes)) {
    if (s[at] == '\0') {
      ++at;
      continue;
    }
    std::size_t i = at, end = at;
    while (i > 0 && token_char(s[i - 1])) --i;
    while (end < s.size() && token_char(s[end])) ++end;
    undo_leet_token(s, i, end, changed);
    at = end;
  }
  if (changed.first > changed.second) changed = {0, 0};
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

// The map of `count` bytes that came from the bytes at `first` on, one each: byte j from
// [first + j, first + j + 1). Four at a time where the machine has SSE2, as a post with
// one stretched word has the map of all its other bytes written here.
void map_in_place(std::uint32_t* from, std::uint32_t* to, std::uint32_t first, std::size_t count) {
  std::size_t j = 0;
#if defined(__SSE2__)
  __m128i next = _mm_add_epi32(_mm_set1_epi32(static_cast<int>(first)), _mm_setr_epi32(0, 1, 2, 3));
  for (; j + 4 <= count; j += 4) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(from + j), next);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(to + j), _mm_add_epi32(next, _mm_set1_epi32(1)));
    next = _mm_add_epi32(next, _mm_set1_epi32(4));
  }
#endif
  for (; j < count; ++j) {
    from[j] = first + static_cast<std::uint32_t>(j);
    to[j] = first + static_cast<std::uint32_t>(j) + 1;
  }
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
  // The bytes [from, to), which nothing changes, copied whole with their map.
  auto copy_range = [&](std::size_t from, std::size_t to) {
    const std::size_t count = to - from;
    std::memcpy(out.text.data() + n, s.data() + from, count);
    if (in.from.empty()) {
      map_in_place(out.from.data() + n, out.to.data() + n, static_cast<std::uint32_t>(from), count);
    } else {
      std::memcpy(out.from.data() + n, in.from.data() + from, count * sizeof(std::uint32_t));
      std::memcpy(out.to.data() + n, in.to.data() + from, count * sizeof(std::uint32_t));
    }
    n += count;
  };
  for (std::size_t i = 0; i < s.size();) {
    // Most bytes can change nothing (a letter that opens three of itself, or one that
    // passes spaced_run's first tests, may), and are found and copied a stretch at a time.
    if (const std::size_t j = next_undo(s, i); j != i) {
      copy_range(i, j);
      i = j;
      continue;
    }
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
  auto [leet, spacing] = tricks_in(plain.text);
  if (!leet && !spacing) return plain;  // most posts: the plain view, moved, not copied
  if (!leet) return undo_spacing(plain);
  std::pair<std::size_t, std::size_t> changed;
  NormalisedText unleeted = undo_leet(std::move(plain), changed);
  if (spacing) return undo_spacing(unleeted);
  // Spacing the text lacked can only come from the bytes just changed (most often one
  // word: an e-mail address's '@'), which are read alone where they are few.
  constexpr std::size_t k_few = 128;
  const bool now_spaced = changed.second - changed.first <= k_few ? spacing_near(unleeted.text, changed.first, changed.second)
                                                                   : tricks_in(unleeted.text).spacing;
  return now_spaced ? undo_spacing(unleeted) : unleeted;
}

}  // namespace smpolicy
