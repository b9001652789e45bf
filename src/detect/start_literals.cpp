// The literals' table, and where the starts of a block of text lie (start_literals.hpp).
#include "detect/start_literals.hpp"

#include <algorithm>
#include <tuple>

#include "core/core.hpp"

#if defined(__SSE2__)
#include <immintrin.h>
#endif

namespace smpolicy {
namespace {

bool letter_or_digit(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Bit i set where p[i] is a letter or a digit, for the 64 bytes at `p`: byte by byte.
std::uint64_t word_bytes_by_byte(const char* p) {
  std::uint64_t mask = 0;
  for (unsigned i = 0; i < 64; ++i) mask |= std::uint64_t{letter_or_digit(static_cast<unsigned char>(p[i]))} << i;
  return mask;
}

#ifdef SMPOLICY_X86_AVX2
__attribute__((target("avx2"))) inline __m256i between(__m256i v, char low, char high) {
  const __m256i moved = _mm256_add_epi8(v, _mm256_set1_epi8(static_cast<char>(0x80 - low)));
  return _mm256_cmpgt_epi8(_mm256_set1_epi8(static_cast<char>(-128 + (high - low) + 1)), moved);
}

// word_bytes_by_byte, 32 bytes a step.
__attribute__((target("avx2"))) std::uint64_t word_bytes_avx2(const char* p) {
  std::uint64_t mask = 0;
  for (int half = 0; half < 2; ++half) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32 * half));
    const __m256i word = _mm256_or_si256(between(v, 'a', 'z'), between(v, '0', '9'));
    mask |= std::uint64_t{static_cast<unsigned>(_mm256_movemask_epi8(word))} << (32 * half);
  }
  return mask;
}
#endif

std::uint64_t word_bytes(const char* p) {
#ifdef SMPOLICY_X86_AVX2
  if (cpu_has_avx2()) return word_bytes_avx2(p);
#endif
  return word_bytes_by_byte(p);
}

}  // namespace

std::uint64_t StartLiterals::starts_in_block(std::string_view text, std::size_t block, bool& after_word) {
  const std::size_t n = std::min<std::size_t>(64, text.size() - block);
  std::uint64_t words;
  if (n == 64) {
    words = word_bytes(text.data() + block);
  } else {  // the last bytes, read from a copy padded with bytes that are not words
    char padded[64] = {};
    std::memcpy(padded, text.data() + block, n);
    words = word_bytes(padded);
  }
  std::uint64_t starts = ~((words << 1) | std::uint64_t{after_word});
  after_word = words >> 63;
  return n == 64 ? starts : starts & ((std::uint64_t{1} << n) - 1);
}

// A literal placed in the table: its slot, and its part from the start.
struct StartLiterals::Placed {
  std::uint32_t slot, id;
  std::string_view part;
};

StartLiterals::StartLiterals(const std::vector<StartLiteral>& literals) {
  std::vector<Placed> placed;
  for (std::size_t id = 0; id < literals.size(); ++id) {
    if (literals[id].lead >= literals[id].text.size()) continue;
    std::string_view part = std::string_view(literals[id].text).substr(literals[id].lead);
    std::uint64_t head = 0;
    std::uint32_t next = 0;
    std::memcpy(&head, part.data(), std::min<std::size_t>(8, part.size()));
    if (part.size() > 8) std::memcpy(&next, part.data() + 8, std::min<std::size_t>(4, part.size() - 8));
    unsigned key_length = key_length_of(part.size());
    placed.push_back({slot(key_of(head, next, key_length), key_length), static_cast<std::uint32_t>(id), part});
  }
  if (placed.empty()) return;
  // By slot, then length, then part, then id: a part's literals lie together, by id.
  std::sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) {
    return std::tuple(a.slot, a.part.size(), a.part, a.id) < std::tuple(b.slot, b.part.size(), b.part, b.id);
  });
  m_filter.assign((std::size_t{1} << k_hash_bits) / 64, 0);
  m_prefixes.assign((std::size_t{1} << k_hash_bits) / 64, 0);
  m_long_lengths.assign(std::size_t{1} << k_hash_bits, 0);
  m_buckets.assign((std::size_t{1} << k_hash_bits) + 1, 0);
  for (std::size_t i = 0; i < placed.size();) {
    std::size_t end = i + 1;
    while (end < placed.size() && placed[end].slot == placed[i].slot && placed[end].part == placed[i].part) ++end;
    add_part(std::span(placed).subspan(i, end - i), literals);
    i = end;
  }
  for (std::size_t s = 0; s + 1 < m_buckets.size(); ++s) m_buckets[s + 1] += m_buckets[s];
}

void StartLiterals::add_part(std::span<const Placed> same, const std::vector<StartLiteral>& literals) {
  const std::string_view part = same.front().part;
  Part g;
  const std::size_t head_length = std::min<std::size_t>(8, part.size());
  std::memcpy(&g.head, part.data(), head_length);
  g.head_mask = head_length == 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * head_length)) - 1;
  g.length = static_cast<std::uint32_t>(part.size());
  g.key_length = key_length_of(part.size());
  if (part.size() > 8) {
    g.tail = static_cast<std::uint32_t>(m_tails.size());
    m_tails.append(part.substr(8));
  }
  g.leads = static_cast<std::uint32_t>(m_leads.size());
  ByteSet before{};
  bool all_long = true;
  for (const Placed& p : same) {
    m_leads.push_back(lead_of(literals[p.id], p.id));
    const StartLiteral& literal = literals[p.id];
    all_long = all_long && literal.lead >= 2;
    if (literal.lead >= 2) {
      const auto b = static_cast<unsigned char>(literal.text[literal.lead - 2]);
      before[b >> 6] |= std::uint64_t{1} << (b & 63);
    }
  }
  g.leads_end = static_cast<std::uint32_t>(m_leads.size());
  if (same.size() == 1 && literals[same.front().id].lead == 0) g.alone = same.front().id + 1;
  if (all_long) {
    m_before.push_back(before);
    g.before = static_cast<std::uint32_t>(m_before.size());
  }
  m_parts.push_back(g);
  mark(same.front().slot, g);
}

StartLiterals::Lead StartLiterals::lead_of(const StartLiteral& literal, std::uint32_t id) {
  Lead e;
  e.id = id;
  e.lead = literal.lead;
  e.lead_at = static_cast<std::uint32_t>(m_tails.size());
  m_tails.append(literal.text, 0, e.lead);
  if (e.lead) {
    std::size_t kept = std::min<std::size_t>(8, e.lead);
    char bytes[8] = {};
    std::memcpy(bytes + 8 - kept, literal.text.data() + e.lead - kept, kept);
    std::memcpy(&e.lead_tail, bytes, 8);
    e.lead_mask = kept == 8 ? ~std::uint64_t{0} : ~((std::uint64_t{1} << (8 * (8 - kept))) - 1);
  }
  return e;
}

// Marks the tables that lead a scan to part `g` in slot `s`.
void StartLiterals::mark(std::uint32_t s, const Part& g) {
  auto set_bit = [](std::vector<std::uint64_t>& bits, std::uint32_t i) { bits[i >> 6] |= std::uint64_t{1} << (i & 63); };
  set_bit(m_filter, s);
  ++m_buckets[s + 1];
  if (g.length >= 6) set_bit(m_prefixes, slot(key_of(g.head, 0, 6), 6));
  if (g.length >= 12) set_bit(m_prefixes, slot(g.head, 8));
  if (g.length >= 4) {
    const unsigned long_bit = g.key_length == 4 ? 1 : g.key_length == 6 ? 2 : g.key_length == 8 ? 4 : 8;
    m_long_lengths[slot(key_of(g.head, 0, 4), 4)] |= static_cast<std::uint8_t>(long_bit);
    m_by_three[slot(key_of(g.head, 0, 3), 3)] |= k_longer;
  } else {
    // A text's first three bytes pick the entry, so a literal shorter than three is put
    // under every byte or two that may follow it.
    const auto short_bit = static_cast<std::uint8_t>(1u << g.length);
    const std::uint64_t followers = std::uint64_t{1} << (8 * (3 - g.length));
    for (std::uint64_t next = 0; next < followers; ++next) {
      m_by_three[slot(key_of(g.head | next << (8 * g.length), 0, 3), 3)] |= short_bit;
    }
  }
}

}  // namespace smpolicy
