// The one file that sees cpp-httplib: it turns its requests into ours and back, and runs
// the listening loop until SIGINT or SIGTERM. cpp-httplib keeps one worker thread per open
// connection, so the pool is sized for many keep-alive clients, not for the cores.
#include <httplib.h>
#include <signal.h>

#include <algorithm>
#include <charconv>
#include <thread>

#include "server/request_parts.hpp"
#include "server/server.hpp"

namespace smpolicy::server {
namespace {

constexpr int k_keep_alive_requests = 10000;
constexpr int k_timeout_seconds = 30;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Only the query string: cpp-httplib also mixes form fields into `params`.
void read_query(std::string_view target, Request& out) {
  auto q = target.find('?');
  if (q == std::string_view::npos) return;
  std::string_view query = target.substr(q + 1);
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    auto eq = pair.find('=');
    if (pair.empty()) continue;
    out.query.emplace(url_decode(pair.substr(0, eq)),
                      eq == std::string_view::npos ? std::string() : url_decode(pair.substr(eq + 1)));
  }
}

Request ours(const httplib::Request& in) {
  Request out;
  out.method = in.method;
  out.path = in.path;
  read_query(in.target, out);
  for (const auto& [name, value] : in.headers) out.headers.emplace(lower(name), value);
  out.remote_address = in.remote_addr;
  if (in.is_multipart_form_data()) {
    for (const auto& [name, part] : in.files) {
      out.parts.push_back(FormPart{part.name, part.filename, part.content_type, part.content});
    }
  } else {
    out.body = in.body;
  }
  return out;
}

void theirs(const Response& in, httplib::Response& out) {
  out.status = in.status;
  for (const auto& [name, value] : in.headers) out.headers.emplace(name, value);
  out.set_content(in.body, in.content_type.c_str());
}

}  // namespace

std::expected<Listen, Error> parse_listen(std::string_view text) {
  auto colon = text.rfind(':');
  if (colon == std::string_view::npos) return fail(ErrorCode::invalid, "--listen " + std::string(text) + ": expected HOST:PORT");
  Listen listen;
  std::string_view host = text.substr(0, colon), port = text.substr(colon + 1);
  if (!host.empty()) listen.host = std::string(host);
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), listen.port);
  if (ec != std::errc() || end != port.data() + port.size() || listen.port < 0 || listen.port > 65535) {
    return fail(ErrorCode::invalid, "--listen " + std::string(text) + ": port must be a number from 0 to 65535");
  }
  return listen;
}

std::expected<void, Error> serve(App& app, const Listen& listen, std::size_t threads,
                                 const std::function<void(int port)>& on_ready) {
  // SIGINT and SIGTERM are taken by one waiting thread, so no handler runs inside a
  // worker in the middle of a write.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  httplib::Server http;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_keep_alive_max_count(k_keep_alive_requests);
  http.set_read_timeout(k_timeout_seconds);
  http.set_write_timeout(k_timeout_seconds);
  http.set_tcp_nodelay(true);
  auto handler = [&app](const httplib::Request& in, httplib::Response& out) { theirs(app.handle(ours(in)), out); };
  http.Get(".*", handler);
  http.Post(".*", handler);
  http.Put(".*", handler);
  http.Delete(".*", handler);
  http.Patch(".*", handler);
  int port = listen.port == 0 ? http.bind_to_any_port(listen.host) : (http.bind_to_port(listen.host, listen.port) ? listen.port : -1);
  if (port < 0) return fail(ErrorCode::io, "cannot listen on " + listen.host + ":" + std::to_string(listen.port));
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    http.stop();
  });
  if (on_ready) on_ready(port);
  bool served = http.listen_after_bind();
  if (waiter.joinable()) {
    pthread_kill(waiter.native_handle(), SIGTERM);  // wake it if we stopped for another reason
    waiter.join();
  }
  if (!served) return fail(ErrorCode::io, "the server stopped: " + listen.host + ":" + std::to_string(port));
  return {};
}

}  // namespace smpolicy::server
