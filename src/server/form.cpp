// Request helpers: headers, cookies and form bodies. Multipart bodies arrive already split
// by the HTTP layer (cpp-httplib); only urlencoded forms are decoded here.
#include "server/context.hpp"
#include "server/request_parts.hpp"

namespace smpolicy::server {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace

std::string url_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
               hex_digit(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string url_encode(std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_' || c == '.' || c == '~' || c == '/';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
    }
  }
  return out;
}

Form parse_form(const Request& request) {
  Form form;
  auto add = [&](std::string name, std::string value) {
    form.first.emplace(name, value);
    form.all.emplace(std::move(name), std::move(value));
  };
  if (!request.parts.empty()) {
    for (const FormPart& part : request.parts) {
      if (!part.filename.empty()) {
        form.file_name = part.filename;
        form.file_content = part.content;
      } else {
        add(part.name, part.content);
      }
    }
    return form;
  }
  std::string_view body = request.body;
  while (!body.empty()) {
    auto amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    add(url_decode(pair.substr(0, eq)),
        eq == std::string_view::npos ? std::string() : url_decode(pair.substr(eq + 1)));
  }
  return form;
}

std::string Form::get(std::string_view name) const {
  auto found = first.find(name);
  return found == first.end() ? std::string() : found->second;
}

std::vector<std::string> Form::values(std::string_view name) const {
  std::vector<std::string> out;
  auto [begin, end] = all.equal_range(name);
  for (auto it = begin; it != end; ++it) out.push_back(it->second);
  return out;
}

std::string_view Request::header(std::string_view lower_name) const {
  auto found = headers.find(lower_name);
  return found == headers.end() ? std::string_view() : std::string_view(found->second);
}

std::string Request::cookie(std::string_view name) const {
  std::string_view cookies = header("cookie");
  while (!cookies.empty()) {
    auto semi = cookies.find(';');
    std::string_view pair = trim(cookies.substr(0, semi));
    cookies = semi == std::string_view::npos ? std::string_view() : cookies.substr(semi + 1);
    auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
  }
  return {};
}

std::string Context::query(std::string_view name) const {
  auto found = request.query.find(name);
  return found == request.query.end() ? std::string() : found->second;
}

}  // namespace smpolicy::server
