// The one file that sees nlohmann::json: JSON lines into events.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

#include "event/reading.hpp"

namespace smpolicy {
namespace {

using json = nlohmann::json;

std::string type_name(const json& value) { return value.type_name(); }

// Reads one scalar JSON value into the field `name` of the event.
std::expected<void, Error> read_scalar(Event& event, const FieldSpec& spec, const json& value) {
  auto wrong = [&](std::string_view expected) {
    return fail(ErrorCode::invalid, "field " + std::string(spec.name) + ": expected " +
                                        std::string(expected) + ", got " + type_name(value));
  };
  switch (spec.type) {
    case FieldType::boolean:
      if (!value.is_boolean()) return wrong("true or false");
      return set_field(event, spec.name, value.get<bool>() ? "true" : "false");
    case FieldType::number:
      if (!value.is_number()) return wrong("a number");
      return set_field(event, spec.name, value.dump());
    case FieldType::list:
    case FieldType::text:
    case FieldType::choice:
    case FieldType::time:
    case FieldType::date:
      if (!value.is_string()) return wrong("a string");
      return set_field(event, spec.name, value.get_ref<const std::string&>());
    case FieldType::findings:
      break;
  }
  return wrong("nothing (derived)");
}

std::expected<void, Error> read_object(Event& event, const json& object, const std::string& prefix,
                                       bool in_list);

std::expected<void, Error> read_member(Event& event, const std::string& name, const json& value,
                                       bool in_list) {
  const auto& spec = spec_of(event.kind);
  if (value.is_null()) return {};
  if (value.is_object()) return read_object(event, value, name + ".", in_list);
  int slot = spec.slot(name);
  if (value.is_array()) {
    for (const auto& item : value) {
      if (item.is_object()) {
        if (auto ok = read_object(event, item, name + ".", true); !ok) return ok;
      } else if (slot >= 0 && spec.fields[static_cast<std::size_t>(slot)].type == FieldType::list) {
        if (!item.is_string()) {
          return fail(ErrorCode::invalid, "field " + name + ": expected a list of strings, found " +
                                              type_name(item));
        }
        if (auto ok = set_field(event, name, item.get_ref<const std::string&>()); !ok) return ok;
      } else if (slot >= 0) {
        return fail(ErrorCode::invalid, "field " + name + ": expected a single value, got array");
      }
    }
    return {};
  }
  if (slot < 0 || spec.fields[static_cast<std::size_t>(slot)].derived) return {};  // unknown: kept, ignored
  const auto& field = spec.fields[static_cast<std::size_t>(slot)];
  if (in_list && field.type != FieldType::list) return {};
  return read_scalar(event, field, value);
}

std::expected<void, Error> read_object(Event& event, const json& object, const std::string& prefix,
                                       bool in_list) {
  for (const auto& [key, value] : object.items()) {
    if (prefix.empty() && (key == "kind" || key == "id")) continue;
    if (auto ok = read_member(event, prefix + key, value, in_list); !ok) return ok;
  }
  return {};
}

std::expected<json, Error> parse_json(std::string_view text, int line) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    auto colon = what.find(": ", what.find("parse error"));
    std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
    return fail(ErrorCode::parse, where(line) + ":" + std::to_string(e.byte) +
                                      ": invalid JSON: " + detail);
  } catch (const json::out_of_range& e) {
    // A number too large for a double ("1e999"): nlohmann names the number, not where it
    // stands, so the column is that of its first appearance in the text.
    std::string what = e.what();
    auto quote = what.find('\'');
    std::string number = quote == std::string::npos ? "" : what.substr(quote + 1, what.rfind('\'') - quote - 1);
    auto at = number.empty() ? std::string_view::npos : text.find(number);
    std::string column = at == std::string_view::npos ? "" : ":" + std::to_string(at + 1);
    return fail(ErrorCode::parse, where(line) + column + ": invalid JSON: number '" + number + "' is too large");
  }
}

std::string id_of(const json& object) {
  auto it = object.find("id");
  if (it == object.end() || it->is_null()) return {};
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::expected<Event, Error> build(Event event, const json& object, int line) {
  event.line = line;
  event.id = id_of(object);
  if (auto ok = read_object(event, object, "", false); !ok) return std::unexpected(at_line(line, ok.error()));
  return with_required(std::move(event), line);
}


}  // namespace

namespace {

// The event an object with a `kind` member describes.
std::expected<Event, Error> event_of_object(const json& object, int line) {
  auto kind_it = object.find("kind");
  if (kind_it == object.end()) return fail(ErrorCode::invalid, where(line) + ": field kind is missing");
  if (!kind_it->is_string()) return fail(ErrorCode::invalid, where(line) + ": field kind: expected a string");
  auto kind = parse_kind(kind_it->get_ref<const std::string&>());
  if (!kind) {
    return fail(ErrorCode::invalid, where(line) + ": field kind: unknown event kind '" +
                                        kind_it->get<std::string>() + "'");
  }
  return build(make_event(*kind), object, line);
}

// A JSON object from `text`, or why it is none.
std::expected<json, Error> parse_object(std::string_view text, int line) {
  auto object = parse_json(text, line);
  if (!object) return std::unexpected(object.error());
  if (!object->is_object()) {
    return fail(ErrorCode::invalid, where(line) + ": expected a JSON object, got " + type_name(*object));
  }
  return object;
}

}  // namespace

std::expected<Event, Error> text_line_by_library(std::string_view text, int line) {
  auto object = parse_object(text, line);
  if (!object) return std::unexpected(object.error());
  if (object->contains("kind")) return event_of_object(*object, line);
  auto text_it = object->find("text");
  if (text_it == object->end() || !text_it->is_string()) {
    return fail(ErrorCode::invalid, where(line) + ": field text: expected a string");
  }
  Event post = make_event(Kind::post);
  (void)set_field(post, "account", "personal");  // the audience already falls back to public
  return build(std::move(post), *object, line);
}

std::expected<Event, Error> parse_event(std::string_view text, int line) {
  auto object = parse_object(text, line);
  if (!object) return std::unexpected(object.error());
  return event_of_object(*object, line);
}

std::expected<void, Error> parse_text_line(std::string_view text, int line, Event& into) {
  std::uint64_t set = k_every_field;  // what a caller did to `into` is not known
  if (auto plain = plain_text_line(text, line, into, set)) return std::move(*plain);
  auto event = text_line_by_library(text, line);
  if (!event) return std::unexpected(std::move(event.error()));
  into = std::move(*event);
  return {};
}

std::expected<Event, Error> parse_text_line(std::string_view text, int line) {
  if (auto plain = plain_text_line(text, line)) return std::move(*plain);
  return text_line_by_library(text, line);
}

std::expected<Event, Error> parse_event_of(std::string_view text, Kind kind, int line) {
  auto object = parse_object(text, line);
  if (!object) return std::unexpected(object.error());
  if (auto kind_it = object->find("kind"); kind_it != object->end()) {
    if (!kind_it->is_string() || kind_it->get_ref<const std::string&>() != name_of(kind)) {
      return fail(ErrorCode::invalid, where(line) + ": field kind: expected \"" + std::string(name_of(kind)) + "\"");
    }
  }
  return build(make_event(kind), *object, line);
}

std::string WrappedEvent::label(std::string_view key) const {
  for (const auto& [k, v] : labels) {
    if (k == key) return v;
  }
  return {};
}

std::vector<std::string> WrappedEvent::list(std::string_view key) const {
  for (const auto& [k, v] : lists) {
    if (k == key) return v;
  }
  return {};
}

std::vector<std::pair<std::string, std::string>> WrappedEvent::table(std::string_view key) const {
  for (const auto& [k, v] : tables) {
    if (k == key) return v;
  }
  return {};
}

namespace {

std::expected<Finding, Error> stated_finding(const json& f, int line) {
  auto span = f.find("span");
  if (!f.contains("kind") || !f["kind"].is_string() || span == f.end() || !span->is_array() || span->size() != 2 ||
      !(*span)[0].is_number_unsigned() || !(*span)[1].is_number_unsigned()) {
    return fail(ErrorCode::invalid, where(line) + ": field findings: each needs kind and span [begin, end]");
  }
  Finding finding;
  finding.kind = f["kind"].get<std::string>();
  finding.field = f.value("field", "text");
  finding.begin = (*span)[0].get<std::uint32_t>();
  finding.end = (*span)[1].get<std::uint32_t>();
  return finding;
}

// Sorts one top-level member into labels, lists, tables or stated findings.
std::expected<void, Error> read_label(WrappedEvent& out, const std::string& key, const json& value, int line) {
  if (value.is_string()) {
    out.labels.emplace_back(key, value.get<std::string>());
  } else if (value.is_boolean() || value.is_number()) {
    out.labels.emplace_back(key, value.dump());
  } else if (value.is_array() && key == "findings" && !value.empty() && value.front().is_object()) {
    for (const auto& f : value) {
      auto finding = stated_finding(f, line);
      if (!finding) return std::unexpected(finding.error());
      out.findings.push_back(std::move(*finding));
    }
  } else if (value.is_array()) {
    std::vector<std::string> items;
    for (const auto& item : value) {
      if (!item.is_string()) return fail(ErrorCode::invalid, where(line) + ": field " + key + ": expected strings");
      items.push_back(item.get<std::string>());
    }
    out.lists.emplace_back(key, std::move(items));
  } else if (value.is_object() && key != "event") {
    std::vector<std::pair<std::string, std::string>> items;
    for (const auto& [k, v] : value.items()) {
      if (v.is_string()) items.emplace_back(k, v.get<std::string>());
    }
    out.tables.emplace_back(key, std::move(items));
  }
  return {};
}

}  // namespace

std::expected<WrappedEvent, Error> parse_wrapped_event(std::string_view text, int line) {
  auto object = parse_json(text, line);
  if (!object) return std::unexpected(object.error());
  if (!object->is_object()) return fail(ErrorCode::invalid, where(line) + ": expected a JSON object");
  auto event_it = object->find("event");
  std::expected<Event, Error> event = fail(ErrorCode::invalid, where(line) + ": field event: expected an event object");
  if (event_it != object->end() && event_it->is_object()) {
    event = parse_event(event_it->dump(), line);
  } else if (object->contains("text")) {
    json post = {{"id", object->value("id", "")}, {"text", (*object)["text"]}};
    event = parse_text_line(post.dump(), line);
  }
  if (!event) return std::unexpected(event.error());
  WrappedEvent out{std::move(*event), {}, {}, {}, {}};
  for (const auto& [key, value] : object->items()) {
    if (auto ok = read_label(out, key, value, line); !ok) return std::unexpected(ok.error());
  }
  return out;
}

namespace {

std::expected<Value, Error> field_value(const std::string& name, const json& value) {
  Value out;
  if (value.is_string()) {
    out.type = Value::Type::text;
    out.text = value.get<std::string>();
  } else if (value.is_boolean()) {
    out.type = Value::Type::boolean;
    out.boolean = value.get<bool>();
    out.text = out.boolean ? "true" : "false";
  } else if (value.is_number()) {
    out.type = Value::Type::number;
    out.number = value.get<double>();
    out.text = value.dump();
  } else if (value.is_array()) {
    out.type = Value::Type::list;
    for (const auto& item : value) {
      if (!item.is_string()) {
        return fail(ErrorCode::invalid, "field " + name + ": expected a list of strings, found " + type_name(item));
      }
      out.list.push_back(item.get<std::string>());
    }
  } else {
    return fail(ErrorCode::invalid, "field " + name + ": expected a string, number, boolean or list, got " +
                                        type_name(value));
  }
  return out;
}

}  // namespace

std::expected<JsonFields, Error> parse_json_fields(std::string_view text) {
  auto object = parse_json(text, 1);
  if (!object) return std::unexpected(object.error());
  if (!object->is_object()) {
    return fail(ErrorCode::invalid, "expected a JSON object, got " + type_name(*object));
  }
  JsonFields fields;
  for (const auto& [name, value] : object->items()) {
    if (value.is_null()) continue;
    auto read = field_value(name, value);
    if (!read) return std::unexpected(read.error());
    fields.emplace(name, std::move(*read));
  }
  return fields;
}

}  // namespace smpolicy
