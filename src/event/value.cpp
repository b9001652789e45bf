#include <algorithm>
#include <array>
#include <bit>

#include "event/event.hpp"
#include "event/reading.hpp"

namespace smpolicy {
namespace {

Error field_error(std::string_view field, std::string why) {
  return Error{ErrorCode::invalid, "field " + std::string(field) + ": " + why};
}

std::string choices_text(const FieldSpec& spec) {
  std::string out;
  for (auto c : spec.choices) {
    if (!out.empty()) out += ", ";
    out += c;
  }
  return out;
}

// An event of `kind` built field by field: make_event's work, done once per kind.
Event fresh_event(Kind kind) {
  Event event;
  event.kind = kind;
  const auto& spec = spec_of(kind);
  event.fields.resize(spec.fields.size());
  for (std::size_t i = 0; i < spec.fields.size(); ++i) {
    const auto& f = spec.fields[i];
    if (f.type == FieldType::list) event.fields[i].type = Value::Type::list;
    if (!f.fallback.empty()) {
      auto ok = set_field(event, f.name, f.fallback);
      (void)ok;
    }
  }
  return event;
}

// A batch makes an event per line, so each kind's is made once and copied.
const Event& fresh_of(Kind kind) {
  static const std::array<Event, k_kind_count> k_fresh = [] {
    std::array<Event, k_kind_count> events;
    for (int k = 0; k < k_kind_count; ++k) events[static_cast<std::size_t>(k)] = fresh_event(static_cast<Kind>(k));
    return events;
  }();
  return k_fresh[static_cast<std::size_t>(kind)];
}

}  // namespace

Event make_event(Kind kind) {
  // Only fallbacks and lists differ from a fresh Value, and an empty list only in its
  // type: setting those alone is cheaper than copying every field.
  const Event& fresh = fresh_of(kind);
  Event event;
  event.kind = kind;
  event.fields.reserve(fresh.fields.size());
  for (const Value& from : fresh.fields) {
    if (from.missing() || from.type == Value::Type::list) event.fields.emplace_back().type = from.type;
    else event.fields.push_back(from);
  }
  return event;
}

void reset_event(Event& event, const Event& fresh, std::uint64_t which) {
  if (event.kind != fresh.kind || event.fields.size() != fresh.fields.size()) {
    event = fresh;
    return;
  }
  // A mask names at most 64 fields; an event with more is reset whole.
  if (fresh.fields.size() > 64) which = k_every_field;
  // Field by field, keeping each string's and list's room. Most fields of a fresh event
  // are blank, and clearing a string or list is cheaper than assigning an empty one; the
  // few with a fallback mostly hold it still, and comparing is cheaper than copying.
  // Only the fields `which` names are looked at: a line read into the event mostly sets
  // one or two of a post's two dozen.
  for (std::size_t n = fresh.fields.size(); which != 0; which &= which - 1) {
    auto i = static_cast<std::size_t>(std::countr_zero(which));
    if (i >= n) break;
    const Value& from = fresh.fields[i];
    Value* v = &event.fields[i];
    v->type = from.type;
    v->boolean = from.boolean;
    v->choice = from.choice;
    v->number = from.number;
    if (from.text.empty()) v->text.clear();
    else if (v->text != from.text) assign_text(v->text, from.text);
    if (from.list.empty()) v->list.clear();
    else v->list = from.list;
  }
  assign_text(event.id, fresh.id);
  event.line = fresh.line;
}

std::expected<void, Error> set_field(Event& event, std::string_view name, std::string_view text) {
  const auto& spec = spec_of(event.kind);
  int slot = spec.slot(name);
  if (slot < 0 || spec.fields[static_cast<std::size_t>(slot)].derived) {
    return std::unexpected(field_error(name, "is not a field of " +
                                                 std::string(name_of(event.kind)) + " events"));
  }
  return set_slot(event, static_cast<std::size_t>(slot), text);
}

std::expected<void, Error> set_slot(Event& event, std::size_t slot, std::string_view text) {
  const FieldSpec& f = spec_of(event.kind).fields[slot];
  std::string_view name = f.name;
  Value& v = event.fields[slot];
  switch (f.type) {
    case FieldType::text:
      v.type = Value::Type::text;
      assign_text(v.text, text);
      return {};
    case FieldType::choice: {
      auto it = std::find(f.choices.begin(), f.choices.end(), text);
      if (it == f.choices.end()) {
        return std::unexpected(field_error(name, "'" + std::string(text) + "' is not one of " +
                                                     choices_text(f)));
      }
      v.type = Value::Type::text;
      assign_text(v.text, text);
      v.choice = static_cast<int>(it - f.choices.begin());
      return {};
    }
    case FieldType::boolean:
      if (text != "true" && text != "false") {
        return std::unexpected(field_error(name, "expected true or false"));
      }
      v.type = Value::Type::boolean;
      v.boolean = text == "true";
      return {};
    case FieldType::time: {
      auto instant = parse_instant(text);
      if (!instant) return std::unexpected(field_error(name, instant.error().message));
      v.type = Value::Type::number;
      v.number = static_cast<double>(instant->seconds);
      assign_text(v.text, text);
      return {};
    }
    case FieldType::date: {
      auto days = parse_date(text);
      if (!days) return std::unexpected(field_error(name, days.error().message));
      v.type = Value::Type::number;
      v.number = static_cast<double>(*days);
      assign_text(v.text, text);
      return {};
    }
    case FieldType::number: {
      std::string s(text);
      char* end = nullptr;
      double n = std::strtod(s.c_str(), &end);
      if (s.empty() || end != s.c_str() + s.size()) {
        return std::unexpected(field_error(name, "expected a number"));
      }
      v.type = Value::Type::number;
      v.number = n;
      return {};
    }
    case FieldType::list:
      v.type = Value::Type::list;
      v.list.emplace_back(text);
      return {};
    case FieldType::findings:
      break;
  }
  return std::unexpected(field_error(name, "cannot be set"));
}

}  // namespace smpolicy
