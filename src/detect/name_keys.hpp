// Private to detect: the name index's tables of keys, looked up by a hash the caller has
// already worked out (word_hash of a word as the post is split, phrase_hash of words
// in a row), and a filter that turns most words away before any table is read.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace smpolicy::names_detail {

// The hash of a key of two or more words, from the word_hash of each: phrase_hash_step
// of the first word's hash with the second's, and so on. Keys are words joined by single
// spaces, so the scan works it out from its tokens' hashes without reading the words again.
constexpr std::uint64_t phrase_hash_step(std::uint64_t h, std::uint64_t word) {
  return (h ^ (h >> 29)) * 0x9E3779B97F4A7C15ull + word;
}

// Whether a key and a word are the same text, compared in line: a hash has already matched,
// so they most often are, and a key is a few letters, fewer than a call to memcmp costs.
// Eight bytes at a time where there are eight, the last eight read where they end, over
// some compared already: a key of several words ("oliver bennett") is a dozen letters.
inline bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  const std::size_t n = a.size();
  if (n < 8) {
    for (std::size_t k = 0; k < n; ++k) {
      if (a[k] != b[k]) return false;
    }
    return true;
  }
  auto chunk = [](const char* at) {
    std::uint64_t c;
    std::memcpy(&c, at, 8);
    return c;
  };
  for (std::size_t k = 0; k + 8 < n; k += 8) {
    if (chunk(a.data() + k) != chunk(b.data() + k)) return false;
  }
  return chunk(a.data() + n - 8) == chunk(b.data() + n - 8);
}

// Whether two words of the same word_hash are the same text. A word of up to eight bytes
// is hashed by one multiply of its bytes by an odd number, which has an inverse modulo
// 2^64: two such words of one length share a hash only when they are the same, so the
// length says it, and only a longer word is compared letter by letter.
inline bool same_word(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return a.size() <= 8 || same_text(a, b);
}

// Keys numbered from 0 in the order added, in a flat open-addressing table of cells
// kept at most half full, so a probe for a key that is absent meets an empty cell within
// a step or two.
class KeyTable {
 public:
  // The number of `key`, whose hash is `hash`, adding it when new (then `added` is set).
  std::uint32_t insert(std::string_view key, std::uint64_t hash, bool& added);
  // The number of `key`, whose hash is `hash`, plus one; 0 when it is absent.
  std::uint32_t find(std::string_view key, std::uint64_t hash) const {
    for (std::size_t at = first_cell(hash);; at = next_cell(at)) {
      const Cell& cell = m_cells[at];
      if (cell.number == 0) return 0;
      if (cell.hash == hash && cell.size == key.size() && same_text(m_keys[cell.number - 1], key)) {
        return cell.number;
      }
    }
  }
  // find for a table of single words, where `hash` is word_hash(word), as it was for every
  // key: a word of up to eight bytes is told by its hash and length (same_word), which the
  // cell holds, so the key itself, elsewhere in memory, is read only for a longer word.
  std::uint32_t find_word(std::string_view word, std::uint64_t hash) const {
    for (std::size_t at = first_cell(hash);; at = next_cell(at)) {
      const Cell& cell = m_cells[at];
      if (cell.number == 0) return 0;
      if (cell.hash == hash && cell.size == word.size() &&
          (word.size() <= 8 || same_text(m_keys[cell.number - 1], word))) {
        return cell.number;
      }
    }
  }
  // Asks for the first cell a find of `hash` reads to be brought into cache, so that the
  // finds of several words wait for memory together rather than one after another.
  void prefetch(std::uint64_t hash) const { __builtin_prefetch(&m_cells[first_cell(hash)]); }
  std::size_t size() const { return m_keys.size(); }
  // The hash of key number n, as given to insert.
  std::uint64_t hash_of(std::uint32_t n) const { return m_hashes[n]; }

 private:
  struct Cell {
    std::uint64_t hash = 0;
    std::uint32_t number = 0;  // the key's number + 1; 0 for an empty cell
    std::uint32_t size = 0;    // the key's length, in what would otherwise be padding
  };
  std::size_t first_cell(std::uint64_t hash) const { return (hash >> 32) & (m_cells.size() - 1); }
  std::size_t next_cell(std::size_t at) const { return (at + 1) & (m_cells.size() - 1); }
  void grow();
  std::vector<Cell> m_cells = std::vector<Cell>(64);  // a power of two
  std::vector<std::string> m_keys;
  std::vector<std::uint64_t> m_hashes;
};

// A filter over the hashes of a KeyTable's keys: false for most hashes of no key, true for
// every key's. One bit per hash, picked by the high half, whose bits depend on every letter
// of a word (word_hash): its word by the top bits, its bit in the word by bits 32 to 37.
// The table's cells are picked from bit 32 up, but only these six bits are shared, so a
// hash that passes the filter by chance still most likely meets an empty cell.
// Kept at 32 to 64 bits per key: a few hundred words for a class, a few megabytes for a
// local authority, one word of a post in thirty to sixty let through by chance, which costs
// less than testing a second bit for every word.
class KeyFilter {
 public:
  // The filter's words, to be copied into a loop that tests many hashes: a loop that also
  // stores 64-bit values would otherwise read the shift again after each store. A word is
  // picked by one shift of the hash, which costs less than a shift and a mask; its bit by a
  // rotation, which where the processor has BMI2 is one instruction that leaves the hash as
  // it was (a shift would overwrite it), and whose mask the compiler leaves out, as the
  // shift of the word reads only the lowest six bits of its count.
  struct Bits {
    const std::uint64_t* words;
    unsigned shift;  // 64 less the number of bits that number a word
    bool may_hold(std::uint64_t hash) const { return ((words[hash >> shift] >> bit_of(hash)) & 1) != 0; }
    // The first n bytes of `chunk`, n from 1 to 8: the last chunk of a word that is hashed
    // (word_hash) as it is tested. The masks are kept just before the filter's words, so a
    // loop that does both reads the two from one register.
    std::uint64_t first_bytes(std::uint64_t chunk, std::size_t n) const {
      return chunk & words[static_cast<std::ptrdiff_t>(n) - static_cast<std::ptrdiff_t>(k_masks)];
    }
  };
  Bits bits() const { return Bits{m_store.data() + k_masks, m_shift}; }
  bool may_hold(std::uint64_t hash) const { return bits().may_hold(hash); }
  // Adds `hash`, the hash of the table's newest key; the filter grows with the table.
  void add(std::uint64_t hash, const KeyTable& table);

 private:
  // Bits 32 to 37 of `hash`, as the number of a bit in a word.
  static unsigned bit_of(std::uint64_t hash) { return static_cast<unsigned>(std::rotr(hash, 32) & 63); }
  void set(std::uint64_t hash) { m_store[k_masks + (hash >> m_shift)] |= std::uint64_t{1} << bit_of(hash); }
  // The byte masks (the first, for no bytes, unused), then `words` words of no key.
  static constexpr std::size_t k_masks = 9;
  static std::vector<std::uint64_t> store_of(std::size_t words) {
    std::vector<std::uint64_t> store(k_masks + words, 0);
    for (std::size_t n = 1; n < k_masks; ++n) store[n] = ~std::uint64_t{0} >> (64 - 8 * n);
    return store;
  }
  std::size_t word_count() const { return m_store.size() - k_masks; }
  // The filter's words, a power of two, at most 2^26, so the bits that pick a word stay
  // above those that pick a bit; the byte masks before them.
  std::vector<std::uint64_t> m_store = store_of(8);
  unsigned m_shift = 61;  // 8 words: 3 bits
};

}  // namespace smpolicy::names_detail
