// event: the Event contract of DESIGN.md. Each kind has a fixed schema of fields; an
// event is the kind plus one Value per field, so rules compiled against the schema read
// fields by index. Findings (what the detectors saw in an event's text) live here too,
// since detect produces them and decide consumes them.
#pragma once

#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.hpp"

namespace smpolicy {

enum class Kind : std::uint8_t {
  post, contact, web_access, account, site_creation, edit, group_join, reference,
  recruitment_search, press_enquiry, photo_capture, leaving, incident
};
inline constexpr int k_kind_count = 13;

std::string_view name_of(Kind kind);
std::optional<Kind> parse_kind(std::string_view text);

enum class FieldType : std::uint8_t {
  text,      // free text or an open set of names (platform, host, category)
  choice,    // one of a closed set of words
  boolean,
  number,
  time,      // ISO 8601 with offset; Value::number holds epoch seconds
  date,      // YYYY-MM-DD; Value::number holds days since 1970-01-01
  list,      // list of strings; never missing (absent means empty)
  findings,  // the detector findings of the event; only the derived `findings` field
};

struct FieldSpec {
  std::string_view name;  // dotted path: "counterpart.role", "images.people"
  FieldType type = FieldType::text;
  std::span<const std::string_view> choices;  // for choice fields
  bool required = false;
  bool derived = false;          // computed by decide, never read from input
  bool scanned = false;          // text the detectors read (post text, profile_text...)
  std::string_view fallback;     // value used when the input lacks the field
};

// The fields of one kind, in slot order: input fields first, then derived ones.
struct KindSpec {
  Kind kind;
  std::span<const FieldSpec> fields;
  int slot(std::string_view name) const;  // -1 when the kind has no such field
};

const KindSpec& spec_of(Kind kind);

// The slots of a kind's required fields, and of its scanned fields, in slot order: one or
// two among a kind's dozens, listed once for the life of the process.
const std::vector<std::size_t>& required_slots(Kind kind);
const std::vector<std::size_t>& scanned_slots(Kind kind);

// One field's value. A missing scalar has type `missing`; lists are never missing.
struct Value {
  enum class Type : std::uint8_t { missing, boolean, number, text, list };
  Type type = Type::missing;
  bool boolean = false;
  int choice = -1;               // index into FieldSpec::choices for choice fields
  double number = 0;             // numbers, times, dates
  std::string text;              // text and choice values; times and dates as written
  std::vector<std::string> list;

  bool missing() const { return type == Type::missing; }
};

struct Event {
  Kind kind = Kind::post;
  std::vector<Value> fields;     // one per FieldSpec of the kind
  std::string id;                // an id the input carried alongside, echoed in output
  int line = 0;                  // input line, for messages

  const Value& field(std::string_view name) const;  // asserts the field exists
  Value& field(std::string_view name);
};

// Builds an event of `kind` with every field at its fallback (or missing).
Event make_event(Kind kind);

// Sets a field from text as the JSON reader would (choice validated, time parsed).
// Fails naming the field.
std::expected<void, Error> set_field(Event& event, std::string_view name,
                                     std::string_view text);

// Parses one JSON object (one line of JSON lines) into an event. Unknown fields are
// ignored. Errors start with the line, then the byte column or the field, so a caller
// prefixes the file name: "3:17: invalid JSON ..." or "4: field counterpart.age: expected a number".
// A top-level "id" is carried into Event::id. `kind` may be forced (for bare
// {"id", "text"} lines, which are public posts on a personal account).
std::expected<Event, Error> parse_event(std::string_view json, int line);
std::expected<Event, Error> parse_text_line(std::string_view json, int line);
// parse_text_line into `into`, reusing its room: a batch parses every line into one
// event. After an error `into` holds no particular event.
std::expected<void, Error> parse_text_line(std::string_view json, int line, Event& into);
// Reads the lines of a batch one after another into one event, which keeps its room
// from line to line. Only the reader writes that event, so it knows which fields the
// last line set, and the next line resets those alone rather than all of a post's two
// dozen (as parse_text_line into an event a caller holds must).
class LineReader {
 public:
  // parse_text_line(json, line) into event(). After an error event() holds no
  // particular event, and the next read is as good as ever.
  std::expected<void, Error> read(std::string_view json, int line);
  const Event& event() const { return m_event; }

 private:
  Event m_event;
  std::uint64_t m_set = ~std::uint64_t{0};  // fields that may differ from a fresh post's, by slot
};

// Parses an event that must be of `kind`; its "kind" member may be left out.
std::expected<Event, Error> parse_event_of(std::string_view json, Kind kind, int line);

// A flat JSON object, as API request bodies carry: each member a string, number, boolean
// or list of strings (null members are left out). Bad JSON fails as "1:COL: invalid JSON
// ..."; a nested object or a list of non-strings fails naming the member.
using JsonFields = std::map<std::string, Value, std::less<>>;
std::expected<JsonFields, Error> parse_json_fields(std::string_view json);

struct Finding;

// A line that wraps an event with labels, as test cases, comparison scenarios and the
// evaluation set are written:
//   {"rule": "x", "fires": true, "event": {...}, "findings": [{"kind": ..., "span": [b, e]}]}
//   {"id": "p1", "text": "...", "findings": ["person.pupil"], "outcomes": {"pack-id": "allow"}}
// Without "event", "text" is a public post on a personal account. Labels are the
// top-level members whose values are strings, numbers or booleans, as text ("true");
// lists are arrays of strings; tables are objects of strings. "findings" holding objects
// are stated detector findings.
struct WrappedEvent;
std::expected<WrappedEvent, Error> parse_wrapped_event(std::string_view json, int line);

// What a detector saw: a kind from docs/packs.md ("language.profanity"), where in which
// scanned field, how sure.
struct Finding {
  std::string kind;
  std::string field = "text";      // the scanned field the span is in
  std::uint32_t begin = 0, end = 0;  // byte span into that field's original text
  float confidence = 1.0f;
  std::string detail;              // e.g. the roster id for person.* findings
};

struct WrappedEvent {
  Event event;
  std::vector<Finding> findings;
  std::vector<std::pair<std::string, std::string>> labels;
  std::vector<std::pair<std::string, std::vector<std::string>>> lists;
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> tables;
  std::string label(std::string_view key) const;                 // "" when absent
  std::vector<std::string> list(std::string_view key) const;     // empty when absent
  std::vector<std::pair<std::string, std::string>> table(std::string_view key) const;
};

// True when `kind` is `prefix` or lies under it ("language.slur" under "language").
bool kind_under(std::string_view kind, std::string_view prefix);

// Every finding kind the detectors can produce (docs/packs.md).
std::span<const std::string_view> finding_kinds();

}  // namespace smpolicy
