// core: what every module shares. Errors as values, outcomes and severities, times and
// time zones, the roster contract, and the files compiled into the binary.
#pragma once

#include <cstdint>
#include <cstring>
#include <expected>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace smpolicy {

// ---- Errors -------------------------------------------------------------------------

enum class ErrorCode { io, parse, invalid, not_found, unsupported, internal };

// An expected failure. `message` is complete and says where, e.g.
// "events.jsonl:3: field counterpart.age: expected a number".
struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
};

inline std::unexpected<Error> fail(ErrorCode code, std::string message) {
  return std::unexpected(Error{code, std::move(message)});
}

// ---- Strings ----------------------------------------------------------------------------

// `to` made a copy of `text`, as assign makes it, but with no call into the library where
// its room suffices, as a string reused from item to item mostly does (an event's fields, a
// finding's kind). `text` may lie in `to`.
inline void assign_text(std::string& to, std::string_view text) {
  if (text.size() > to.capacity()) {
    to.assign(text);
    return;
  }
  to.resize_and_overwrite(text.size(), [&](char* into, std::size_t) {
    if (!text.empty()) std::memmove(into, text.data(), text.size());
    return text.size();
  });
}

// ---- The processor ----------------------------------------------------------------------

// Where GCC or Clang build for x86-64, the SIMD scanners also carry an AVX2 form (marked
// __attribute__((target("avx2"))), so the build needs no flag), chosen at run time by
// cpu_has_avx2(); elsewhere, and on processors without AVX2, they keep their SSE2 or
// byte-by-byte forms.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define SMPOLICY_X86_AVX2 1
#endif

namespace core_detail {
// cpu_has_avx2's answer, set as the program starts (cpu.cpp). A static initializer of
// another file that runs first reads false, and takes a form that answers the same.
extern const bool g_cpu_has_avx2;
}  // namespace core_detail

// Whether this processor runs AVX2 instructions, and the bit instructions of BMI1 and BMI2
// beside them, which an AVX2 form may also use (target("avx2,bmi,bmi2")); asked of it once.
// In line, a load of the answer: the scanners ask for every post, and a call with the
// guard of a function's static costs several times as much.
inline bool cpu_has_avx2() { return core_detail::g_cpu_has_avx2; }

// ---- Outcomes and severities ----------------------------------------------------------

// Ordered from least to most serious: comparisons mean "more serious than".
enum class Outcome : std::uint8_t { allow, advise, needs_permission, breach };
enum class Severity : std::uint8_t { info, minor, serious, gross };

std::string_view name_of(Outcome outcome);
std::string_view name_of(Severity severity);
std::optional<Outcome> parse_outcome(std::string_view text);
std::optional<Severity> parse_severity(std::string_view text);

// ---- Files --------------------------------------------------------------------------

// The whole file as bytes. Fails with ErrorCode::io naming the path.
std::expected<std::string, Error> read_file(const std::filesystem::path& path);

// Writes `text` to `path` atomically: a temporary file beside it, then a rename, so a
// reader never sees half a file.
std::expected<void, Error> write_file_atomic(const std::filesystem::path& path,
                                             std::string_view text);

// Calls `each(line, number)` for every line of `text` (without its newline or a trailing
// '\r'), numbered from 1, blank lines included.
void for_each_line(std::string_view text, const std::function<void(std::string_view line, int number)>& each);

// A file compiled into the binary, by its path in the repository
// ("packs/salterlee-2017.toml"), or nullopt.
std::optional<std::string_view> embedded_file(std::string_view name);
// Names of the embedded files whose path starts with `prefix`, sorted.
std::vector<std::string_view> embedded_files(std::string_view prefix);

// ---- JSON text ----------------------------------------------------------------------

// Appends `text` as a JSON string literal, quotes included. Invalid UTF-8 becomes U+FFFD
// so the output is always valid JSON.
void append_json_string(std::string& out, std::string_view text);

// Length of the longest prefix of `text` that a JSON string holds as it is: bytes from
// 0x20 to 0x7F but '"' and '\\'. Looks at 8 bytes at a time.
std::size_t plain_json_prefix(std::string_view text);

#if defined(__SSE2__)
// One bit a byte of the sixteen at `p` (all readable) that plain_json_prefix stops at:
// as signed bytes, those below 0x20 and those from 0x80 are all below 0x20, and '"' and
// '\\' are compared alone. The one test of the scanners that look sixteen bytes at a time.
inline unsigned json_marks_16(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i marks = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
  return static_cast<unsigned>(_mm_movemask_epi8(marks));
}
#endif

// Length of the valid UTF-8 sequence starting at `s[i]` (1 for ASCII), or 0 where it is
// not valid: cut short, overlong, a surrogate or past U+10FFFF. Requires i < s.size().
std::size_t utf8_length(std::string_view s, std::size_t i);

// ---- Text ---------------------------------------------------------------------------

// Text made safe inside HTML elements and quoted attribute values (& < > " ').
std::string escape_html(std::string_view text);

// "a, b,,c " -> {"a", "b", "c"}: split at `separator`, spaces, tabs and carriage returns
// trimmed (a textarea's lines end in CR LF), empty items dropped.
std::vector<std::string> split_list(std::string_view text, char separator);

// ---- Times --------------------------------------------------------------------------

// A moment as seconds since 1970-01-01T00:00:00Z, with the UTC offset it was written in.
struct Instant {
  std::int64_t seconds = 0;
  int offset_minutes = 0;
};

// Parses ISO 8601 date-time with an offset: "2026-03-03T10:15:00+00:00", "...Z",
// fractional seconds allowed. A time without an offset is an error: its meaning would
// depend on the reader's machine.
std::expected<Instant, Error> parse_instant(std::string_view text);
// Writes seconds since the epoch as ISO 8601 in UTC: "2026-03-03T10:15:00+00:00".
std::string format_utc(std::int64_t seconds);
// Parses "YYYY-MM-DD" into days since 1970-01-01.
std::expected<std::int64_t, Error> parse_date(std::string_view text);
// Days since 1970-01-01 of a civil date; used by the parsers and tests.
std::int64_t days_from_civil(int year, unsigned month, unsigned day);
// A run of calendar days, first and last included, as days since 1970-01-01.
struct DateSpan {
  std::int64_t first = 0, last = 0;
  bool holds(std::int64_t day) const { return day >= first && day <= last; }
};
// Parses "YYYY-MM-DD/YYYY-MM-DD" (ISO 8601's interval form, first/last included); the
// first may not come after the last.
std::expected<DateSpan, Error> parse_date_span(std::string_view text);

// A wall-clock reading in some time zone.
struct LocalTime {
  int year = 0, month = 0, day = 0;
  int weekday = 0;         // 0 = Monday ... 6 = Sunday
  int minute_of_day = 0;   // 0 ... 1439
};

// An IANA time zone ("Europe/London"), read from the system's tz database. Cheap to
// copy; thread-safe to use.
class TimeZone {
 public:
  LocalTime local(std::int64_t seconds) const;
  const std::string& name() const { return m_name; }
  struct Impl;

 private:
  friend std::expected<TimeZone, Error> load_time_zone(std::string_view name);
  std::shared_ptr<const Impl> m_impl;
  std::string m_name;
};

// Fails with ErrorCode::not_found when the zone is unknown.
std::expected<TimeZone, Error> load_time_zone(std::string_view name);

// "08:30" -> 510. nullopt unless HH:MM with a valid hour and minute.
std::optional<int> parse_clock(std::string_view text);

// ---- CSV ----------------------------------------------------------------------------

struct CsvCell {
  std::string text;
  int column = 1;  // 1-based byte column where the cell starts
};

struct CsvRow {
  std::vector<CsvCell> cells;
  int line = 1;  // 1-based line where the row starts
};

// Splits RFC 4180 CSV into rows, remembering where each cell began so errors can name
// line and column. A quoted cell may hold commas, doubled quotes and newlines; blank rows
// are skipped. Fails as "NAME:LINE:COL: quoted cell is never closed".
std::expected<std::vector<CsvRow>, Error> parse_csv(std::string_view text, std::string_view name);

// ---- Roster -------------------------------------------------------------------------

enum class Role : std::uint8_t { pupil, staff, parent, governor };
std::string_view name_of(Role role);

// One person of the roster (DESIGN.md). Optional columns are empty when absent.
struct Person {
  std::string id;
  Role role = Role::staff;
  std::string given_name, family_name, preferred_name;
  std::string date_of_birth, email, phone, year_group, left_on;
  bool restricted = false;
  bool consent_known = false;          // the photo_consent column had a value
  std::vector<std::string> photo_consent;  // channels: print, website, social
};

struct Roster {
  std::vector<Person> people;
  std::unordered_map<std::string, std::size_t> by_id;
  const Person* find(std::string_view id) const;
};

// Parses roster CSV (RFC 4180 quoting). Good rows are kept; each bad row is reported as
// "NAME:LINE:COL: column X: why" and left out. A missing required column fails the whole
// file, since no row could then be read correctly.
struct RosterLoad {
  Roster roster;
  std::vector<Error> row_errors;
};
std::expected<RosterLoad, Error> parse_roster(std::string_view csv, std::string_view name);
std::expected<RosterLoad, Error> load_roster(const std::filesystem::path& path);

}  // namespace smpolicy
