// server (private): building responses. JSON is written with a small writer over core's
// string escaping, so no handler assembles JSON by hand.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "server/server.hpp"

namespace smpolicy::server {

// Writes one JSON value. Keys and values are appended in call order; the writer adds the
// commas. Misuse (a value with no key inside an object) is a broken invariant.
class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(bool flag);
  JsonWriter& raw(std::string_view json);  // an already-written JSON value
  JsonWriter& strings(const std::vector<std::string>& texts);
  // key(name).value(v) in one call.
  template <typename T>
  JsonWriter& field(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }
  std::string take() { return std::move(m_out); }

 private:
  void separate();
  std::string m_out;
  std::vector<bool> m_first;  // per open container: nothing written in it yet
  bool m_after_key = false;
};

Response json_response(std::string body, int status = 200);
// {"error": message, "field": field} with the status; field omitted when empty.
Response json_error(int status, std::string_view message, std::string_view field = "");
Response html_response(std::string body, int status = 200);
// 303 See Other to `location` (a path on this server).
Response redirect(std::string_view location);
Response text_response(int status, std::string_view text);

// The reason phrase of a status: 404 -> "Not Found".
std::string_view status_text(int status);

}  // namespace smpolicy::server

namespace smpolicy::server {

// A store or input error as JSON: invalid/parse -> 400, not_found -> 404, anything else
// -> 500. A message that names a field ("field counterpart.age: ...") also sets "field".
Response json_failure(const Error& error);

}  // namespace smpolicy::server
