// /static/NAME: the style sheet and script compiled into the binary from web/.
#include "server/handlers.hpp"
#include "server/respond.hpp"

namespace smpolicy::server {
namespace {

std::string_view type_of(std::string_view name) {
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace

Response static_file(Context& ctx) {
  const std::string& name = ctx.params.at("file");
  auto data = embedded_file("web/" + name);
  if (!data || name.find('/') != std::string::npos) return text_response(404, "no such file");
  Response r;
  r.content_type = std::string(type_of(name));
  r.body = std::string(*data);
  r.headers.emplace_back("Cache-Control", "public, max-age=3600");
  return r;
}

}  // namespace smpolicy::server
