// Private to detect: people of the roster and the school's own names, found by word.
// Names are looked up word by word in a hash index, so a local authority's roster of
// 100,000 people compiles in a moment and costs one lookup per word of a post.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "detect/detect.hpp"

namespace smpolicy {

namespace names_detail {
struct Context;
}

struct NameHit {
  const std::string* kind = nullptr;
  std::size_t begin = 0, end = 0;  // in the plain view
  float confidence = 0;
  const std::string* detail = nullptr;
};

class NameIndex {
 public:
  explicit NameIndex(const std::unordered_set<std::string>* ordinary_names) : m_ordinary(ordinary_names) {}

  void add_person(const Person& person, const Lexicon& lexicon);
  void add_school_name(std::string_view name);

  // `plain` is the plain view of `original`.
  std::vector<NameHit> scan(const NormalisedText& plain, std::string_view original) const;

  enum class Form : std::uint8_t { full, initial, initial_first, given, family, hashtag, school };
  struct Entry {
    std::uint32_t owner = 0;  // index into m_owners
    Form form = Form::full;
  };
  struct Owner {
    std::string kind, id, family;  // family: lower-case family name, to tell "Grace Hill" from "Grace Kelly"
    bool ordinary_given = false;
  };

 private:
  bool match(const std::vector<Entry>& entries, const names_detail::Context& c, std::size_t i, std::size_t k,
             std::vector<NameHit>& hits) const;
  // Whether `word` is someone's given name; `unusual` is set when it is no ordinary word.
  bool given_key(std::string_view word, bool& unusual) const;
  // Whether token i is in a list of capitalised roster given names with an unusual one
  // among them; raises `cue` to the strongest cue near any member.
  bool in_name_list(const names_detail::Context& c, std::size_t i, int& cue) const;
  void parent_of(const Owner& pupil, const names_detail::Context& c, std::size_t k, std::vector<NameHit>& hits) const;
  // Keys are the plain view's words joined by single spaces: "oliver", "oliver bennett",
  // "grace h", "hillside primary school".
  void add(std::string key, Entry entry);
  // A one-bit-per-hash filter over the keys of m_words: most words of a post are no
  // name, and this says so without the hash map's lookup.
  void mark_key(std::string_view word);
  bool may_be_key(std::string_view word) const;
  std::uint32_t owner(std::string kind, std::string id, std::string family, bool ordinary);

  // Looked up by string_view, so scanning a post allocates nothing per word.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // One lookup per word of a post: the entries of the word itself, and how many words
  // the longest key starting with it has, so longer keys are tried only where one could be.
  struct Slot {
    std::vector<Entry> entries;
    std::size_t longest = 1;
  };
  std::unordered_map<std::string, Slot, Hash, std::equal_to<>> m_words;
  std::unordered_map<std::string, std::vector<Entry>, Hash, std::equal_to<>> m_phrases;  // keys of 2+ words
  std::vector<std::uint64_t> m_key_bits = std::vector<std::uint64_t>(std::size_t{1} << 14);  // 2^20 bits, 128 KiB
  std::vector<Owner> m_owners;
  std::unordered_map<std::string, std::string> m_parents_by_family;  // family name -> a parent's id
  const std::unordered_set<std::string>* m_ordinary;
};

// The word-level normal form of a name: lower case, accents stripped ("Chloé" -> "chloe").
std::string name_key(std::string_view name);

// How many bytes from s[i] make one letter or digit of a plain view (which is lower case);
// 0 when s[i] starts none, or is not the first byte of a character. Emoji, dashes, stars
// and other symbols (lead bytes C2, E2, EF, F0 to F4) end a word, so "Ollie🎉" and
// "Zofia—" hold names; letters of other scripts (lead bytes C3 to DF, E0 to EE) are word
// characters. Inline: it runs on every byte of a post.
inline std::size_t word_char(std::string_view s, std::size_t i) {
  auto u = static_cast<unsigned char>(s[i]);
  if (u < 0x80) return (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ? 1 : 0;
  std::size_t n = u >= 0xE0 ? 3 : 2;
  bool letter = (u >= 0xC3 && u <= 0xDF) || (u >= 0xE0 && u <= 0xEE && u != 0xE2);
  return letter ? std::min(n, s.size() - i) : 0;
}

}  // namespace smpolicy
