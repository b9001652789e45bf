// Private to event: what reading a JSON line needs besides the JSON library, shared by
// json_reader.cpp (nlohmann) and the fast path for plain lines.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "event/event.hpp"

namespace smpolicy {

// "12", the line number as messages begin with it.
std::string where(int line);

// `error` with "LINE: " before its message.
Error at_line(int line, const Error& error);

// The event, or an error naming the first required field it lacks.
std::expected<Event, Error> with_required(Event event, int line);

// The error naming the first required field `event` lacks, if it lacks one.
std::optional<Error> lacks_required(const Event& event, int line);

// A mask of fields by slot, bit i for slot i, naming every field there may be.
inline constexpr std::uint64_t k_every_field = ~std::uint64_t{0};

// Makes `event` a copy of `fresh` (make_event's, perhaps with fields set), keeping the
// room of its fields, strings and lists. Only the fields `which` names are copied: the
// caller knows the others already equal fresh's. An event of another kind or with more
// than 64 fields is copied whole.
void reset_event(Event& event, const Event& fresh, std::uint64_t which = k_every_field);

// set_field for the field at `slot` of the event's kind, found by the caller: no search
// by name. `slot` must be a field of the kind that is not derived.
std::expected<void, Error> set_slot(Event& event, std::size_t slot, std::string_view text);

// parse_text_line for a plain line: a flat object whose values are all strings without
// escapes or control characters, in valid UTF-8, such as {"id": "p1", "text": "..."}.
// Nothing for any other line, which the JSON library then reads exactly and, where it
// is wrong, names the error; so this path never has to. Nothing here allocates but the
// event itself.
std::optional<std::expected<Event, Error>> plain_text_line(std::string_view text, int line);

// The same into `post`, reset first and so reusing its room; `post` is left untouched
// where the line is not plain, and holds no particular event after an error. `set` names
// the fields of `post` that may differ from a fresh post's (k_every_field when that is
// not known), which are the ones reset; where `post` is read into, it is left naming the
// fields this line set, for the next line's reset.
std::optional<std::expected<void, Error>> plain_text_line(std::string_view text, int line, Event& post,
                                                          std::uint64_t& set);

// parse_text_line for a line plain_text_line left to the JSON library.
std::expected<Event, Error> text_line_by_library(std::string_view text, int line);

}  // namespace smpolicy
