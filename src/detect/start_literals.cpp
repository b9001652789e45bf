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

StartLiterals::StartLiterals(const std::vector<StartLiteral>& literals) {
  if (literals.empty()) return;
  struct Placed {
    std::uint32_t slot, length, id;
  };
  auto part_of = [&](std::size_t id) { return std::string_view(literals[id].text).substr(literals[id].lead); };
  std::vector<Placed> placed;
  for (std::size_t id = 0; id < literals.size(); ++id) {
    if (literals[id].lead >= literals[id].text.size()) continue;
    std::string_view part = part_of(id);
    std::uint64_t head = 0;
    std::uint32_t next = 0;
    std::memcpy(&head, part.data(), std::min<std::size_t>(8, part.size()));
    if (part.size() > 8) std::memcpy(&next, part.data() + 8, std::min<std::size_t>(4, part.size() - 8));
    unsigned key_length = key_length_of(part.size());
    placed.push_back({slot(key_of(head, next, key_length), key_length), static_cast<std::uint32_t>(part.size()),
                      static_cast<std::uint32_t>(id)});
  }
  std::sort(placed.begin(), placed.end(),
            [](const Placed& a, const Placed& b) { return std::tie(a.slot, a.length, a.id) < std::tie(b.slot, b.length, b.id); });
  m_filter.assign((std::size_t{1} << k_hash_bits) / 64, 0);
  m_long_lengths.assign(std::size_t{1} << k_hash_bits, 0);
  auto set_bit = [](std::vector<std::uint64_t>& bits, std::uint32_t i) { bits[i >> 6] |= std::uint64_t{1} << (i & 63); };
  m_buckets.assign((std::size_t{1} << k_hash_bits) + 1, 0);
  for (const Placed& p : placed) {
    std::string_view part = part_of(p.id);
    Entry e;
    std::size_t head_length = std::min<std::size_t>(8, part.size());
    std::memcpy(&e.head, part.data(), head_length);
    e.head_mask = head_length == 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * head_length)) - 1;
    e.length = p.length;
    e.id = p.id;
    e.key_length = key_length_of(part.size());
    if (part.size() > 8) {
      e.tail = static_cast<std::uint32_t>(m_tails.size());
      m_tails.append(part.substr(8));
    }
    e.lead = literals[p.id].lead;
    e.lead_at = static_cast<std::uint32_t>(m_tails.size());
    m_tails.append(literals[p.id].text, 0, e.lead);
    if (e.lead) {
      std::size_t kept = std::min<std::size_t>(8, e.lead);
      char bytes[8] = {};
      std::memcpy(bytes + 8 - kept, literals[p.id].text.data() + e.lead - kept, kept);
      std::memcpy(&e.lead_tail, bytes, 8);
      e.lead_mask = kept == 8 ? ~std::uint64_t{0} : ~((std::uint64_t{1} << (8 * (8 - kept))) - 1);
    }
    m_entries.push_back(e);
    set_bit(m_filter, p.slot);
    ++m_buckets[p.slot + 1];
    set_bit(m_first, static_cast<unsigned char>(part[0]));
    if (part.size() >= 4) {
      const unsigned long_bit = e.key_length == 4 ? 1 : e.key_length == 6 ? 2 : e.key_length == 8 ? 4 : 8;
      m_long_lengths[slot(key_of(e.head, 0, 4), 4)] |= static_cast<std::uint8_t>(long_bit);
    } else {
      const auto short_bit = static_cast<std::uint8_t>(1u << part.size());
      for (std::uint64_t next = 0; next < (part.size() >= 2 ? 1 : 256); ++next) {
        const auto two = static_cast<std::uint32_t>((e.head | next << 8) & 0xFFFF);
        m_short_lengths[two] |= short_bit;
      }
    }
  }
  for (std::size_t s = 0; s + 1 < m_buckets.size(); ++s) m_buckets[s + 1] += m_buckets[s];
}

}  // namespace smpolicy
