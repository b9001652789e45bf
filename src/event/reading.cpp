// The fast path for batch lines, and the checks every reader of a line shares.
#include <algorithm>
#include <array>
#include <bit>
#include <cassert>

#include "event/reading.hpp"

#include "core/core.hpp"  // SMPOLICY_X86_AVX2

#ifdef SMPOLICY_X86_AVX2
#include <immintrin.h>
#endif

namespace smpolicy {
namespace {

// One member of a line, its key and value as views into the line. Bare pointers and
// sizes, which a Members leaves unset until written: its eight string_view pairs were
// zeroed for every line.
struct Member {
  const char* key_at;
  std::size_t key_size;
  const char* value_at;
  std::size_t value_size;
  std::string_view key() const { return {key_at, key_size}; }
  std::string_view value() const { return {value_at, value_size}; }
};

// The members of a plain line, in key order; a line with more goes to nlohmann.
constexpr std::size_t k_max_plain_members = 8;
struct Members {
  std::array<Member, k_max_plain_members> items;
  std::size_t count = 0;
};

#ifdef SMPOLICY_X86_AVX2
// One bit a byte of the 32 at `p` that plain_json_prefix stops at: as signed bytes,
// those below 0x20 and those from 0x80 are all below 0x20.
__attribute__((target("avx2"))) inline __m256i unplain_bytes(const char* p) {
  __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  return _mm256_or_si256(_mm256_cmpgt_epi8(_mm256_set1_epi8(0x20), v),
                         _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('"')),
                                         _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\\'))));
}
__attribute__((target("avx2"))) inline unsigned unplain_marks(const char* p) {
  return static_cast<unsigned>(_mm256_movemask_epi8(unplain_bytes(p)));
}

// plain_end on a machine with AVX2: 32 bytes at a time, where plain_json_prefix looks at
// 16 (SSE2), so a post's text takes half the steps; and while 64 are left, the two
// blocks' marks are joined before one test, which a post's text mostly passes.
__attribute__((target("avx2"))) std::size_t plain_end_avx2(std::string_view s, std::size_t i) {
  for (; i + 64 <= s.size(); i += 64) {
    __m256i both = _mm256_or_si256(unplain_bytes(s.data() + i), unplain_bytes(s.data() + i + 32));
    if (!_mm256_testz_si256(both, both)) break;
  }
  for (; i + 32 <= s.size(); i += 32) {
    if (unsigned mask = unplain_marks(s.data() + i)) return i + static_cast<std::size_t>(std::countr_zero(mask));
  }
  if (i == s.size() || s.size() < 32) return i + plain_json_prefix(s.substr(i));
  // The last 32 bytes overlap those already found plain, whose bits are shifted out.
  std::size_t last = s.size() - 32;
  unsigned mask = unplain_marks(s.data() + last) >> (i - last);
  return mask ? i + static_cast<std::size_t>(std::countr_zero(mask)) : s.size();
}
#endif

// The first byte from s[i] on that plain_json_prefix stops at, or s.size().
std::size_t plain_end(std::string_view s, std::size_t i) {
#if defined(__SSE2__)
  // Keys and ids end within 16 bytes, where one block with SSE2 (which every x86-64 has)
  // finds their end with no call.
  if (i + 16 <= s.size()) {
    if (unsigned mask = json_marks_16(s.data() + i)) return i + static_cast<std::size_t>(std::countr_zero(mask));
    i += 16;
  }
#endif
#ifdef SMPOLICY_X86_AVX2
  if (cpu_has_avx2()) return plain_end_avx2(s, i);
#endif
  return i + plain_json_prefix(s.substr(i));
}

// Where the closing quote of a plain string at s[i] (the opening quote) lies, or npos
// where the string is not plain. The index is taken and given back by value, so that
// the caller's stays in a register rather than in memory.
std::size_t plain_string_end(std::string_view s, std::size_t i) {
  if (i >= s.size() || s[i] != '"') return std::string_view::npos;
  ++i;
  while (i < s.size()) {
    i = plain_end(s, i);
    if (i == s.size()) break;
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '"') return i;
    if (c == '\\' || c < 0x20) return std::string_view::npos;
    std::size_t n = utf8_length(s, i);
    if (n == 0) return std::string_view::npos;
    i += n;
  }
  return std::string_view::npos;
}

// A plain string at s[i] (the opening quote) into `text`, moving i past it. Written where
// it is called, so that the caller's index stays in a register.
[[gnu::always_inline]] inline bool plain_string(std::string_view s, std::size_t& i, std::string_view& text) {
  std::size_t end = plain_string_end(s, i);
  if (end == std::string_view::npos) return false;
  text = s.substr(i + 1, end - i - 1);
  i = end + 1;
  return true;
}

// The members of `s` into `members`, if it is a plain line: written in place, as a
// Members returned in an optional was copied whole.
bool plain_members(std::string_view s, Members& members) {
  std::size_t i = 0;
  auto space = [&] {
    // Mostly there is none, and no byte above ' ' is one.
    while (i < s.size() && static_cast<unsigned char>(s[i]) <= ' ' &&
           (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) {
      ++i;
    }
  };
  auto next_is = [&](char c) {
    if (i < s.size() && s[i] == c) {  // mostly there is no space before it
      ++i;
      return true;
    }
    space();
    if (i >= s.size() || s[i] != c) return false;
    ++i;
    return true;
  };
  if (!next_is('{')) return false;
  space();
  if (!next_is('}')) {
    do {
      space();
      std::string_view key, value;
      if (!plain_string(s, i, key) || !next_is(':')) return false;
      space();
      if (!plain_string(s, i, value) || members.count == members.items.size()) return false;
      members.items[members.count++] = {key.data(), key.size(), value.data(), value.size()};
    } while (next_is(','));
    if (!next_is('}')) return false;
  }
  space();
  if (i != s.size()) return false;
  // nlohmann reads members in key order (a std::map), the last of a repeated key winning;
  // take the same order, and leave repeated keys to it. A line has a few members, so an
  // insertion sort costs less than std::sort's setting up, and it meets a repeated key
  // next to its twin. Keys mostly differ in their first byte ("id", "text"), which
  // decides before memcmp is called; bytes compare unsigned, as the library's do.
  auto before = [](std::string_view a, std::string_view b) {
    if (!a.empty() && !b.empty() && a[0] != b[0]) return static_cast<unsigned char>(a[0]) < static_cast<unsigned char>(b[0]);
    return a < b;
  };
  for (std::size_t m = 1; m < members.count; ++m) {
    for (std::size_t k = m; k > 0; --k) {
      Member &left = members.items[k - 1], &right = members.items[k];
      if (left.key() == right.key()) return false;
      if (!before(right.key(), left.key())) break;
      std::swap(left, right);
    }
  }
  return true;
}

}  // namespace

std::string where(int line) { return std::to_string(line); }

Error at_line(int line, const Error& error) {
  return Error{error.code, where(line) + ": " + error.message};
}

std::optional<Error> lacks_required(const Event& event, int line) {
  const auto& spec = spec_of(event.kind);
  for (std::size_t i : required_slots(event.kind)) {
    if (event.fields[i].missing()) {
      return Error{ErrorCode::invalid, where(line) + ": field " + std::string(spec.fields[i].name) +
                                           " is required for " + std::string(name_of(event.kind)) + " events"};
    }
  }
  return std::nullopt;
}

// The event, or the first required field it lacks.
std::expected<Event, Error> with_required(Event event, int line) {
  if (auto error = lacks_required(event, line)) return std::unexpected(std::move(*error));
  return event;
}

// parse_text_line for a plain line, as `build` would read it; nothing where a member
// needs more than set_field (a true/false or number field given a string).
std::optional<std::expected<Event, Error>> plain_text_line(std::string_view text, int line) {
  Event post;
  std::uint64_t set = k_every_field;
  auto read = plain_text_line(text, line, post, set);
  if (!read) return std::nullopt;
  if (!*read) return std::unexpected(std::move(read->error()));
  return post;
}

std::optional<std::expected<void, Error>> plain_text_line(std::string_view text, int line, Event& post,
                                                          std::uint64_t& set) {
  Members members;
  if (!plain_members(text, members)) return std::nullopt;
  const auto& spec = spec_of(Kind::post);
  // The slot each member sets, or -1 for members that set none (the id, unknown names).
  std::array<int, k_max_plain_members> slots;
  // What every plain line needs of the post's schema, found once (one guard, not three):
  // the slot of its text, looked up once rather than by name; the event a plain line
  // starts from, a post on a personal account; and the post's required fields.
  struct Known {
    int text_slot;
    Event personal_post;
    const std::vector<std::size_t>* required;
  };
  static const Known k_known = [&] {
    Known known{spec.slot("text"), make_event(Kind::post), &required_slots(Kind::post)};
    (void)set_field(known.personal_post, "account", "personal");
    assert(known.text_slot >= 0 && spec.fields[static_cast<std::size_t>(known.text_slot)].type == FieldType::text);
    return known;
  }();
  const int k_text_slot = k_known.text_slot;
  bool has_text = false;
  for (std::size_t m = 0; m < members.count; ++m) {
    std::string_view key = members.items[m].key();
    if (key == "kind") return std::nullopt;
    bool is_text = key == "text";
    has_text = has_text || is_text;
    int slot = key == "id" ? -1 : is_text ? k_text_slot : spec.slot(key);
    if (slot >= 0 && spec.fields[static_cast<std::size_t>(slot)].derived) slot = -1;
    auto type = slot < 0 ? FieldType::text : spec.fields[static_cast<std::size_t>(slot)].type;
    if (type == FieldType::boolean || type == FieldType::number || type == FieldType::findings) return std::nullopt;
    slots[m] = slot;
  }
  if (!has_text) return std::nullopt;
  // Every plain line sets the text, which writes all of the field a line can change (its
  // type and text), so it is not reset first; but where a line went to the library, whose
  // event may hold anything, every field is.
  auto text_bit = static_cast<std::uint64_t>(k_text_slot < 64) << (k_text_slot & 63);
  reset_event(post, k_known.personal_post, set == k_every_field ? set : set & ~text_bit);
  post.line = line;
  set = 0;
  for (std::size_t m = 0; m < members.count; ++m) {
    std::string_view key = members.items[m].key(), value = members.items[m].value();
    if (key == "id") assign_text(post.id, value);
    if (slots[m] < 0) continue;
    // The slots were found above, so the fields are set without a second search by name.
    auto slot = static_cast<std::size_t>(slots[m]);
    // Named before it is set, so that after an error the next reset still covers it.
    set |= slot < 64 ? std::uint64_t{1} << slot : k_every_field;
    if (slots[m] == k_text_slot) {
      // set_slot's work for a text field, without its look at the schema.
      post.fields[slot].type = Value::Type::text;
      assign_text(post.fields[slot].text, value);
      continue;
    }
    if (auto ok = set_slot(post, slot, value); !ok) return std::unexpected(at_line(line, ok.error()));
  }
  // A post's required fields are looked up once; lacks_required only names the one lacking.
  const std::vector<std::size_t>& k_required = *k_known.required;
  if (std::any_of(k_required.begin(), k_required.end(), [&](std::size_t i) { return post.fields[i].missing(); })) {
    return std::unexpected(std::move(*lacks_required(post, line)));
  }
  return std::expected<void, Error>();
}

}  // namespace smpolicy
