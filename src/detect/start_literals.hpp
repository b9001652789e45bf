// Private to detect: many literal strings found where they begin at a start of a text.
// A start is the text's first byte or a byte after one that is not an ASCII lower-case
// letter or digit: "the" is found in "the", " the", "'the" and "é the", not in "bathe".
// A literal may have a lead: bytes of it that come before the start it is found at ("#year"
// with a lead of one is "year" at a start, after a '#'). Every lexicon term must begin at
// a word's start and every word a pattern needs can be put as a literal that does
// (pattern_words.hpp), so looking only there, a fifth of a post's bytes, answers what a
// literal scan of every byte answered, in far less time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
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
    if (m_parts.empty()) return;
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
  // The literals that share a part from the start (the same bytes after the start,
  // whatever their leads), compared once: a family such as "1 |loved" ... "13 |loved"
  // costs one comparison at every "loved", not thirteen. The first bytes that pick it
  // (its key) and up to eight bytes are compared at once; bytes past the eighth lie in
  // m_tails from `tail`.
  struct Part {
    std::uint64_t head = 0, head_mask = 0;
    std::uint32_t length = 0, key_length = 0, tail = 0;
    std::uint32_t leads = 0, leads_end = 0;  // its literals: m_leads[leads .. leads_end), by id
    // The id + 1 of its one literal when that is all it has and has no lead, else 0: most
    // parts are a lexicon term alone.
    std::uint32_t alone = 0;
    // Where every literal of the part has a lead of two or more: 1 + the index in
    // m_before of the set of their leads' second last bytes, which rules out most starts
    // ("i loved") before any lead is compared; else 0.
    std::uint32_t before = 0;
  };
  // A literal of a part: its id and lead, which lies in m_tails from `lead_at`.
  struct Lead {
    std::uint32_t id = 0, lead = 0, lead_at = 0;
    // The lead's last eight bytes (fewer where it is shorter), as the eight bytes before
    // the start read them: the byte just before the start is the highest.
    std::uint64_t lead_tail = 0, lead_mask = 0;
  };
  using ByteSet = std::array<std::uint64_t, 4>;
  struct Placed;

  // Building the table: a part and its literals (`same`, by id), a literal's lead, and
  // the tables that lead a scan to a part in a slot.
  void add_part(std::span<const Placed> same, const std::vector<StartLiteral>& literals);
  Lead lead_of(const StartLiteral& literal, std::uint32_t id);
  void mark(std::uint32_t s, const Part& g);

  // Whether the lead of `e` lies before `at`.
  bool lead_before(const Lead& e, const char* p, std::size_t at) const {
    if (e.lead > at) return false;
    if (at < 8) return std::memcmp(m_tails.data() + e.lead_at, p - e.lead, e.lead) == 0;
    std::uint64_t before;
    std::memcpy(&before, p - 8, 8);
    if ((before & e.lead_mask) != e.lead_tail) return false;
    return e.lead <= 8 || std::memcmp(m_tails.data() + e.lead_at, p - e.lead, e.lead - 8) == 0;
  }

  // The literals of part `g`, found at `at` (its bytes matched).
  template <typename OnMatch>
  [[gnu::always_inline]] inline void leads_at(const Part& g, const char* p, std::size_t at, OnMatch& on_match) const {
    if (g.alone) {
      on_match(g.alone - 1, at, at + g.length);
      return;
    }
    if (g.before && at >= 2) {
      const auto& set = m_before[g.before - 1];
      const auto b = static_cast<unsigned char>(p[-2]);
      if (!(set[b >> 6] >> (b & 63) & 1)) return;
    }
    for (std::uint32_t i = g.leads; i < g.leads_end; ++i) {
      const Lead& e = m_leads[i];
      if (e.lead && !lead_before(e, p, at)) continue;
      on_match(static_cast<unsigned>(e.id), at - e.lead, at + g.length);
    }
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

  // The literals keyed `key_length` in slot `s`, by length then id: at one length at
  // most one part matches, and its literals come by id.
  template <typename OnMatch>
  [[gnu::always_inline]] inline void bucket(std::uint32_t s, unsigned key_length, std::uint64_t head, const char* p,
                                            std::size_t at, std::size_t rest, OnMatch& on_match) const {
    if (!bit(m_filter, s)) return;
    for (std::uint32_t i = m_buckets[s], end = m_buckets[s + 1]; i < end; ++i) {
      const Part& g = m_parts[i];
      if (g.key_length != key_length || g.length > rest || (head & g.head_mask) != g.head) continue;
      if (g.length > 8 && std::memcmp(m_tails.data() + g.tail, p + 8, g.length - 8) != 0) continue;
      leads_at(g, p, at, on_match);
    }
  }

  // Most starts are ruled out by their first three bytes or first four; keys are tried
  // shortest first, so matches come by length.
  template <typename OnMatch>
  [[gnu::always_inline]] inline void literals_at(std::string_view text, std::size_t at, OnMatch& on_match) const {
    const char* p = text.data() + at;
    const std::size_t rest = text.size() - at;
    std::uint64_t head = 0;
    if (rest >= 8) std::memcpy(&head, p, 8);
    else std::memcpy(&head, p, rest);
    const std::uint32_t three = slot(key_of(head, 0, 3), 3);
    const unsigned by_three = m_by_three[three];
    if (!by_three) return;
    if (by_three & 14) {
      if (by_three & 2) bucket(slot(key_of(head, 0, 1), 1), 1, head, p, at, rest, on_match);
      if (by_three & 4 && rest >= 2) bucket(slot(key_of(head, 0, 2), 2), 2, head, p, at, rest, on_match);
      if (by_three & 8 && rest >= 3) bucket(three, 3, head, p, at, rest, on_match);
    }
    if (!(by_three & k_longer) || rest < 4) return;
    const std::uint32_t four = slot(key_of(head, 0, 4), 4);
    const unsigned lengths = m_long_lengths[four];
    if (!lengths) return;
    if (lengths & 1) bucket(four, 4, head, p, at, rest, on_match);
    if (!(lengths & 14) || rest < 6) return;
    // Many longer literals share their first four bytes ("the ", "my c"), so the longer
    // keys are only tried where some literal also shares the first six, and then eight.
    const std::uint32_t six = slot(key_of(head, 0, 6), 6);
    if (!bit(m_prefixes, six)) return;
    if (lengths & 2) bucket(six, 6, head, p, at, rest, on_match);
    if (!(lengths & 12) || rest < 8) return;
    const std::uint32_t eight = slot(head, 8);
    if (lengths & 4) bucket(eight, 8, head, p, at, rest, on_match);
    if (lengths & 8 && rest >= 12 && bit(m_prefixes, eight)) {
      std::uint32_t next;
      std::memcpy(&next, p + 8, 4);
      bucket(slot(key_of(head, next, 12), 12), 12, head, p, at, rest, on_match);
    }
  }

  // By the slot of a text's first three bytes, the literals that begin with them: bit k
  // (1 to 3) for one of k bytes (one shorter than three lies under every byte or two that
  // may follow it), k_longer for one of four or more.
  std::vector<std::uint8_t> m_by_three = std::vector<std::uint8_t>(std::size_t{1} << k_hash_bits);
  static constexpr std::uint8_t k_longer = 16;
  // By the slot of their first four bytes, literals of four or more: bits 0 to 3 for keys
  // of four, six, eight and twelve bytes.
  std::vector<std::uint8_t> m_long_lengths;
  std::vector<std::uint64_t> m_filter;    // a bit for each slot that holds a literal
  // A bit for the slot of the first six bytes of each literal of six or more, and of the
  // first eight of each of twelve or more.
  std::vector<std::uint64_t> m_prefixes;
  std::vector<std::uint32_t> m_buckets;   // slot s holds m_parts[m_buckets[s] .. m_buckets[s + 1])
  std::vector<Part> m_parts;              // by slot, then length, then lowest id
  std::vector<Lead> m_leads;              // by part, then id
  std::vector<ByteSet> m_before;
  std::string m_tails;
};

}  // namespace smpolicy
