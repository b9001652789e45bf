// Private to detect: people of the roster and the school's own names, found by word.
// Names are looked up word by word in a hash index, so a local authority's roster of
// 100,000 people compiles in a moment and costs one probe per word of a post: the word's
// hash is worked out as the post is split into words, and no lookup hashes it again.
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
struct Token;
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
  // One lookup per word of a post: the entries of the word itself, and how many words
  // the longest key starting with it has, so longer keys are tried only where one could be.
  struct Slot {
    std::vector<Entry> entries;
    std::size_t longest = 1;
  };

  bool match(const std::vector<Entry>& entries, const names_detail::Context& c, std::size_t i, std::size_t k,
             std::vector<NameHit>& hits) const;
  // Whether `word` is someone's given name; `unusual` is set when it is no ordinary word.
  bool given_key(const names_detail::Token& word, bool& unusual) const;
  // Whether token i is in a list of capitalised roster given names with an unusual one
  // among them; raises `cue` to the strongest cue near any member.
  bool in_name_list(const names_detail::Context& c, std::size_t i, int& cue) const;
  void parent_of(const Owner& pupil, const names_detail::Context& c, std::size_t k, std::vector<NameHit>& hits) const;
  // Keys are the plain view's words joined by single spaces: "oliver", "oliver bennett",
  // "grace h", "hillside primary school".
  void add(std::string key, Entry entry);
  // The slot of the one-word key `word`, made empty when new.
  Slot& word_slot(std::string_view word);
  // False when no key starts with the word whose word_hash is `hash`; true for every word
  // that starts one, and for few others. Inline: it runs on every word of a post.
  bool may_be_key(std::uint64_t hash) const {
    std::uint64_t bit = hash & (m_key_bits.size() * 64 - 1);  // the size is a power of two
    return (m_key_bits[bit / 64] >> (bit % 64)) & 1;
  }
  // The slot of `word`, whose word_hash is `hash`; null when no key starts with it.
  const Slot* find_word(std::string_view word, std::uint64_t hash) const;
  // Doubles the table of cells, keeping it at most half full so a probe for a word that
  // is no key meets an empty cell within a step or two.
  void grow_cells();
  std::uint32_t owner(std::string kind, std::string id, std::string family, bool ordinary);

  // A cell of the open-addressing table over m_slots, found from the word's hash.
  struct Cell {
    std::uint64_t hash = 0;
    std::uint32_t slot = 0;  // index + 1 into m_slots; 0 for an empty cell
  };
  // Looked up by string_view, so scanning a post allocates nothing per word.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<Cell> m_cells = std::vector<Cell>(1024);  // a power of two
  std::vector<Slot> m_slots;
  std::vector<std::string> m_slot_words;  // by slot: the word
  std::unordered_map<std::string, std::vector<Entry>, Hash, std::equal_to<>> m_phrases;  // keys of 2+ words
  // A one-bit-per-hash filter over the words that start a key: most words of a post are no name,
  // and this says so with one load.
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
constexpr std::size_t word_char(std::string_view s, std::size_t i) {
  auto u = static_cast<unsigned char>(s[i]);
  if (u < 0x80) return (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ? 1 : 0;
  std::size_t n = u >= 0xE0 ? 3 : 2;
  bool letter = (u >= 0xC3 && u <= 0xDF) || (u >= 0xE0 && u <= 0xEE && u != 0xE2);
  return letter ? std::min(n, s.size() - i) : 0;
}

// The name index's hash of a word (FNV-1a over its bytes), one byte at a time, so the
// name detector works it out as it reads each word of a post and no lookup reads the word
// again to hash it.
constexpr std::uint64_t k_word_hash_start = 14695981039346656037ull;
constexpr std::uint64_t word_hash_step(std::uint64_t h, char c) {
  return (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
}
constexpr std::uint64_t word_hash(std::string_view word) {
  std::uint64_t h = k_word_hash_start;
  for (char c : word) h = word_hash_step(h, c);
  return h;
}

}  // namespace smpolicy
