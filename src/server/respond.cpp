#include <cassert>

#include "server/respond.hpp"

namespace smpolicy::server {

void JsonWriter::separate() {
  if (m_after_key) {
    m_after_key = false;
    return;
  }
  if (!m_first.empty()) {
    if (!m_first.back()) m_out += ',';
    m_first.back() = false;
  }
}

JsonWriter& JsonWriter::begin_object() {
  separate();
  m_out += '{';
  m_first.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  assert(!m_first.empty());
  m_first.pop_back();
  m_out += '}';
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  separate();
  m_out += '[';
  m_first.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  assert(!m_first.empty());
  m_first.pop_back();
  m_out += ']';
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  separate();
  append_json_string(m_out, name);
  m_out += ':';
  m_after_key = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  separate();
  append_json_string(m_out, text);
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
  separate();
  m_out += std::to_string(number);
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
  separate();
  m_out += flag ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  separate();
  m_out += json;
  return *this;
}

JsonWriter& JsonWriter::strings(const std::vector<std::string>& texts) {
  begin_array();
  for (const std::string& t : texts) value(t);
  return end_array();
}

Response json_response(std::string body, int status) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = std::move(body);
  return r;
}

Response json_error(int status, std::string_view message, std::string_view field) {
  JsonWriter w;
  w.begin_object().field("error", message);
  if (!field.empty()) w.field("field", field);
  w.end_object();
  return json_response(w.take(), status);
}

Response html_response(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response redirect(std::string_view location) {
  Response r;
  r.status = 303;
  r.headers.emplace_back("Location", std::string(location));
  return r;
}

Response text_response(int status, std::string_view text) {
  Response r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::string(text) + "\n";
  return r;
}

std::string_view status_text(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 303: return "See Other";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    default: return "";
  }
}

}  // namespace smpolicy::server

namespace smpolicy::server {

Response json_failure(const Error& error) {
  std::string field;
  if (auto at = error.message.find("field "); at != std::string::npos) {
    auto end = error.message.find_first_of(": ", at + 6);
    field = error.message.substr(at + 6, end == std::string::npos ? std::string::npos : end - at - 6);
  }
  switch (error.code) {
    case ErrorCode::invalid:
    case ErrorCode::parse:
      return json_error(400, error.message, field);
    case ErrorCode::not_found:
      return json_error(404, error.message);
    default:
      return json_error(500, error.message);
  }
}

}  // namespace smpolicy::server
