// Private to detect: people of the roster and the school's own names, found by word.
// Names are looked up word by word in a hash index, so a local authority's roster of
// 100,000 people compiles in a moment and costs one probe per word of a post: the word's
// hash is worked out as the post is split into words, and no lookup hashes it again (nor
// a key of several words, whose hash is made from its words').
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "detect/detect.hpp"
#include "detect/name_keys.hpp"

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

  // The names in `plain`, the plain view of `original`, in a list the calling thread reuses:
  // it holds until the thread's next scan.
  std::span<const NameHit> scan(const NormalisedText& plain, std::string_view original) const;

  enum class Form : std::uint8_t { full, initial, initial_first, given, family, hashtag, school };
  struct Entry {
    std::uint32_t owner = 0;  // index into m_owners
    Form form = Form::full;
    // The owner's ordinary_given, kept beside the index: a common given name has many
    // owners, and each read of one, among thousands, is most often a miss of the cache.
    bool ordinary_given = false;
  };
  struct Owner {
    std::string kind, id, family;  // family: lower-case family name, to tell "Grace Hill" from "Grace Kelly"
    bool ordinary_given = false;
    bool pupil = false;  // kind is "person.pupil", which parent_of asks of every full name
  };

 private:
  // One lookup per word of a post: the entries of the word itself, and how many words
  // the longest key starting with it has, so longer keys are tried only where one could be.
  // The entries of one key: those of other forms first, then the given names, each in the
  // order added. A bare given name is decided by its context only once no other form of
  // its key has matched, so match reads the two apart, and most of a common name's
  // entries are given names.
  class Entries {
   public:
    void add(Entry entry) {
      const bool given = entry.form == Form::given;
      m_ordinary_given = m_ordinary_given || (given && entry.ordinary_given);
      const std::size_t at = given ? m_size : m_givens_from;
      if (!given) ++m_givens_from;
      if (m_size < k_inline) {
        std::copy_backward(m_inline.begin() + at, m_inline.begin() + m_size, m_inline.begin() + m_size + 1);
        m_inline[at] = entry;
      } else {
        if (m_size == k_inline) m_more.assign(m_inline.begin(), m_inline.end());
        m_more.insert(m_more.begin() + static_cast<std::ptrdiff_t>(at), entry);
      }
      ++m_size;
    }
    std::span<const Entry> others() const { return all().first(m_givens_from); }
    std::span<const Entry> givens() const { return all().subspan(m_givens_from); }
    bool empty() const { return m_size == 0; }
    // Whether any given name here is also an ordinary word, which its context reads more of.
    bool ordinary_given() const { return m_ordinary_given; }

   private:
    // Most keys of two or more words, and many of one, have an entry or two: kept here,
    // where the key's slot is read already, they cost no read of memory elsewhere, which a
    // match otherwise most often waits for. More are kept in m_more, all of them.
    static constexpr std::size_t k_inline = 2;
    std::span<const Entry> all() const {
      return m_size <= k_inline ? std::span<const Entry>(m_inline).first(m_size) : std::span<const Entry>(m_more);
    }
    std::array<Entry, k_inline> m_inline{};
    std::vector<Entry> m_more;
    std::uint32_t m_size = 0, m_givens_from = 0;
    bool m_ordinary_given = false;
  };
  // One cache line: the slot is read for `longest` by every word found, and its entries by
  // most matches.
  struct alignas(64) Slot {
    Entries entries;
    std::uint32_t longest = 1;
  };
  static_assert(sizeof(Slot) == 64);

  // A hit naming `o`. Its kind and id are read by the caller just after the scan, and an
  // owner, one of thousands, is most often not in cache: asked for now, it is on its way
  // while the rest of the post is scanned.
  static NameHit hit_of(const Owner& o, std::size_t begin, std::size_t end, float confidence) {
    __builtin_prefetch(&o.kind);
    __builtin_prefetch(&o.id);
    return NameHit{&o.kind, begin, end, confidence, &o.id};
  }
  bool match(const Entries& entries, const names_detail::Context& c, std::size_t i, std::size_t k,
             std::vector<NameHit>& hits) const;
  // match for a given name alone, at token i, decided by its context (name_given.cpp).
  bool match_given(const Entries& entries, const names_detail::Context& c, std::size_t i,
                   std::vector<NameHit>& hits) const;
  // Whether token k is someone's given name; `unusual` is set when it is no ordinary word.
  bool given_key(const names_detail::Context& c, std::size_t k, bool& unusual) const;
  // Whether token i is in a list of capitalised roster given names with an unusual one
  // among them; raises `cue` to the strongest cue near any member.
  bool in_name_list(const names_detail::Context& c, std::size_t i, int& cue) const;
  void parent_of(const Owner& pupil, const names_detail::Context& c, std::size_t k, std::vector<NameHit>& hits) const;
  // Keys are the plain view's words joined by single spaces: "oliver", "oliver bennett",
  // "grace h", "hillside primary school".
  void add(std::string key, Entry entry);
  // The slot of the one-word key `word`, made empty when new.
  Slot& word_slot(std::string_view word);
  // The slot of `word`, whose word_hash is `hash`; null when no key starts with it.
  const Slot* find_word(std::string_view word, std::uint64_t hash) const {
    if (!m_filter.may_hold(hash)) return nullptr;
    std::uint32_t n = m_words.find_word(word, hash);
    return n == 0 ? nullptr : &m_slots[n - 1];
  }
  // The entries of the key of two or more words `phrase`, whose phrase_hash is `hash`;
  // null when there is none.
  const Entries* find_phrase(std::string_view phrase, std::uint64_t hash) const {
    std::uint32_t n = m_phrases.find(phrase, hash);
    return n == 0 ? nullptr : &m_phrase_entries[n - 1];
  }
  std::uint32_t owner(std::string kind, std::string id, std::string family, bool ordinary);

  names_detail::KeyTable m_words;  // the words that start a key
  std::vector<Slot> m_slots;       // by the word's number in m_words
  // Most words of a post are no name, and this says so with one load.
  names_detail::KeyFilter m_filter;  // over m_words
  names_detail::KeyTable m_phrases;  // keys of 2+ words
  names_detail::KeyTable m_later_words;  // the words of those keys after the first
  names_detail::KeyFilter m_later_filter;  // over m_later_words
  std::vector<Entries> m_phrase_entries;  // by the key's number in m_phrases
  bool m_letter_keys = false;  // whether some key is one letter alone (a given name "J")
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

// The name index's hash of a word: its bytes taken eight at a time (little-endian, the
// last chunk padded with zeros), each chunk mixed in with one multiply. The name
// detector finds a word's end first and then hashes it by whole chunks (names_detail::
// tokens_of), which costs less than a step per letter; this is the same hash, spelled out.
// It starts from zero, so a word of eight bytes or fewer, most words, costs one multiply
// (no word's first chunk is zero: its first byte is not).
// A product's low bits depend on its factors' low bits only, so the low bits of a short
// word's hash depend on its first letters alone: its readers take the high bits, which
// depend on them all (the key tables bits 32 and up, their filters the top bits and bits
// 32 to 37, the word lists the top twelve). No step folds the high half onto the low, which
// would cost three instructions for every word of every post.
constexpr std::uint64_t k_word_hash_start = 0;
constexpr std::uint64_t word_hash_chunk(std::uint64_t h, std::uint64_t chunk) {
  return (h ^ chunk) * 0x9E3779B97F4A7C15ull;
}
constexpr std::uint64_t word_hash(std::string_view word) {
  std::uint64_t h = k_word_hash_start;
  for (std::size_t at = 0; at < word.size(); at += 8) {
    std::uint64_t chunk = 0;
    for (std::size_t b = 0; b < 8 && at + b < word.size(); ++b) {
      chunk |= std::uint64_t{static_cast<unsigned char>(word[at + b])} << (8 * b);
    }
    h = word_hash_chunk(h, chunk);
  }
  return h;
}

}  // namespace smpolicy
