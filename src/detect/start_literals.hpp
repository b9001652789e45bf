// Private to detect: many literal strings found where they begin at a start of a text.
// A start is the text's first byte or a byte after one that is not an ASCII lower-case
// letter or digit: "the" is found in "the", " the", "'the" and "é the", not in "bathe".
// A literal may have a lead: bytes of it that come before the start it is found at ("#year"
// with a lead of one is "year" at a start, after a '#'). Every lexicon term must begin at
// a word's start and every word a pattern needs can be put as a literal that does
// (pattern_words.hpp), so looking only there, a fifth of a post's bytes, answers what a
// literal scan of every byte answered, in far less time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smpolicy {

// A literal and its lead, which must be shorter than it.
struct StartLiteral {
  StartLiteral(std::string text, std::uint32_t lead = 0) : text(std::move(text)), lead(lead) {}  // NOLINT: a plain string has no lead
  std::string text;
  std::uint32_t lead = 0;
  bool operator==(const StartLiteral&) const = default;
  auto operator<=>(const StartLiteral&) const = default;
};

class StartLiterals {
 public:
  StartLiterals() = default;
  // A literal's id is its index; literals whose lead is not shorter than they are are
  // never found. The same literal may be given more than once, under each of its ids.
  explicit StartLiterals(const std::vector<StartLiteral>& literals);

  // Calls `on_match(id, begin, end)` for every occurrence [begin, end) in `text` of a
  // literal found at a start (lead included): by start, then by length after the start,
  // then by id, so matches without a lead come by begin. `on_match` is any callable
  // taking (unsigned, std::size_t, std::size_t). Thread-safe.
  template <typename OnMatch>
  void scan(std::string_view text, OnMatch&& on_match) const {
    if (m_entries.empty()) return;
    bool after_word = false;  // whether the byte before the block is a letter or digit
    for (std::size_t block = 0; block < text.size(); block += 64) {
      std::uint64_t starts = starts_in_block(text, block, after_word);
      while (starts) {
        std::size_t at = block + static_cast<std::size_t>(__builtin_ctzll(starts));
        starts &= starts - 1;
        literals_at(text, at, on_match);
      }
    }
  }

  // One bit for each start among the 64 bytes of `text` from `block` (fewer at its end),
  // bit i for byte block + i; `after_word` says whether the byte before is a letter or a
  // digit, and is set for the next block.
  static std::uint64_t starts_in_block(std::string_view text, std::size_t block, bool& after_word);

 private:
  // A literal, by its part from the start: the first bytes that pick it (its key), and up
  // to eight bytes compared at once; bytes past the eighth lie in m_tails from `tail`, and
  // the lead from `lead_at`.
  struct Entry {
    std::uint64_t head = 0, head_mask = 0;
    std::uint32_t length = 0, id = 0, tail = 0;  // length: of the part from the start
    std::uint32_t key_length = 0;
    std::uint32_t lead = 0, lead_at = 0;
    // The lead's last eight bytes (fewer where it is shorter), as the eight bytes before
    // the start read them: the byte just before the start is the highest.
    std::uint64_t lead_tail = 0, lead_mask = 0;
  };

  // Whether the lead of `e` lies before `at`.
  bool lead_before(const Entry& e, const char* p, std::size_t at) const {
    if (e.lead > at) return false;
    if (at < 8) return std::memcmp(m_tails.data() + e.lead_at, p - e.lead, e.lead) == 0;
    std::uint64_t before;
    std::memcpy(&before, p - 8, 8);
    if ((before & e.lead_mask) != e.lead_tail) return false;
    return e.lead <= 8 || std::memcmp(m_tails.data() + e.lead_at, p - e.lead, e.lead - 8) == 0;
  }

  // A literal is picked by its first bytes (its key): all of them when it is shorter than
  // four, and otherwise four, six, eight or twelve, so that the many phrases that open
  // alike ("year 1", "year 10 ", "my year 9 class") are not all compared at every "year".
  static constexpr unsigned key_length_of(std::size_t length) {
    return length < 4 ? static_cast<unsigned>(length) : length < 6 ? 4 : length < 8 ? 6 : length < 12 ? 8 : 12;
  }
  static constexpr unsigned k_hash_bits = 16;
  static std::uint32_t slot(std::uint64_t key, unsigned key_length) {
    return static_cast<std::uint32_t>(((key ^ key_length) * 0x9E3779B97F4A7C15ull) >> (64 - k_hash_bits));
  }
  // The key of a literal or text whose first eight bytes are `head` (fewer, padded with
  // zeros, where it is shorter) and whose next four are `next`.
  static std::uint64_t key_of(std::uint64_t head, std::uint32_t next, unsigned key_length) {
    if (key_length > 8) return head ^ (std::uint64_t{next} * 0xC2B2AE3D27D4EB4Full);
    return key_length == 8 ? head : head & ((std::uint64_t{1} << (8 * key_length)) - 1);
  }

  static bool bit(const std::vector<std::uint64_t>& bits, std::uint32_t i) { return bits[i >> 6] >> (i & 63) & 1; }

  // The literals keyed `key_length` in slot `s`, by length then id.
  template <typename OnMatch>
  [[gnu::always_inline]] inline void bucket(std::uint32_t s, unsigned key_length, std::uint64_t head, const char* p,
                                            std::size_t at, std::size_t rest, OnMatch& on_match) const {
    if (!bit(m_filter, s)) return;
    for (std::uint32_t i = m_buckets[s], end = m_buckets[s + 1]; i < end; ++i) {
      const Entry& e = m_entries[i];
      if (e.key_length != key_length || e.length > rest || (head & e.head_mask) != e.head) continue;
      if (e.length > 8 && std::memcmp(m_tails.data() + e.tail, p + 8, e.length - 8) != 0) continue;
      if (e.lead && !lead_before(e, p, at)) continue;
      on_match(static_cast<unsigned>(e.id), at - e.lead, at + e.length);
    }
  }

  // Most starts are ruled out by their first byte, first two or first four; keys are
  // tried shortest first, so matches come by length.
  template <typename OnMatch>
  [[gnu::always_inline]] inline void literals_at(std::string_view text, std::size_t at, OnMatch& on_match) const {
    const char* p = text.data() + at;
    if (!bit(m_first, static_cast<unsigned char>(*p))) return;
    const std::size_t rest = text.size() - at;
    std::uint64_t head = 0;
    if (rest >= 8) std::memcpy(&head, p, 8);
    else std::memcpy(&head, p, rest);
    if (const unsigned lengths = m_short_lengths[head & 0xFFFF]) {
      for (unsigned key_length = 1; key_length <= 3 && key_length <= rest; ++key_length) {
        if (lengths >> key_length & 1) bucket(slot(key_of(head, 0, key_length), key_length), key_length, head, p, at, rest, on_match);
      }
    }
    if (rest < 4) return;
    const std::uint32_t four = slot(key_of(head, 0, 4), 4);
    const unsigned lengths = m_long_lengths[four];
    if (!lengths) return;
    if (lengths & 1) bucket(four, 4, head, p, at, rest, on_match);
    if (lengths & 2 && rest >= 6) bucket(slot(key_of(head, 0, 6), 6), 6, head, p, at, rest, on_match);
    if (lengths & 4 && rest >= 8) bucket(slot(head, 8), 8, head, p, at, rest, on_match);
    if (lengths & 8 && rest >= 12) {
      std::uint32_t next;
      std::memcpy(&next, p + 8, 4);
      bucket(slot(key_of(head, next, 12), 12), 12, head, p, at, rest, on_match);
    }
  }

  std::vector<std::uint64_t> m_first = std::vector<std::uint64_t>(4);  // bytes a literal begins with
  // Where a literal is shorter than four bytes, by its first two bytes (or its one and
  // each byte after it): bit k for one of k bytes.
  std::vector<std::uint8_t> m_short_lengths = std::vector<std::uint8_t>(65536);
  // By the slot of their first four bytes, literals of four or more: bits 0 to 3 for keys
  // of four, six, eight and twelve bytes.
  std::vector<std::uint8_t> m_long_lengths;
  std::vector<std::uint64_t> m_filter;    // a bit for each slot that holds a literal
  std::vector<std::uint32_t> m_buckets;   // slot s holds m_entries[m_buckets[s] .. m_buckets[s + 1])
  std::vector<Entry> m_entries;           // by slot, then length, then id
  std::string m_tails;
};

}  // namespace smpolicy
