// smpolicy serve: the web app and API. With no options it listens on 127.0.0.1:8080 with
// a SQLite file in ./smpolicy-data; --demo adds an invented school to try every page.
#include <cstdio>
#include <thread>

#include "cli/cli.hpp"
#include "server/server.hpp"

namespace smpolicy::cli {
namespace {

constexpr const char* k_usage =
    "usage: smpolicy serve [--listen ADDR:PORT] [--data DIR | --database URL] [--demo] [--threads N]\n"
    "                      [--secure-cookies]\n";

}  // namespace

int run_serve(const std::vector<std::string>& argv) {
  Args args = parse_args(argv, {"listen", "data", "database", "threads"}, {"demo", "secure-cookies"});
  if (!args.error.empty() || !args.positional.empty() || (args.has("data") && args.has("database"))) {
    std::fprintf(stderr, "%s%s", args.error.empty() ? "" : ("smpolicy serve: " + args.error + "\n").c_str(), k_usage);
    return k_exit_failed;
  }
  auto listen = server::parse_listen(args.get("listen").value_or("127.0.0.1:8080"));
  if (!listen) return std::fprintf(stderr, "smpolicy serve: %s\n", listen.error().message.c_str()), k_exit_failed;
  std::size_t threads = std::max<std::size_t>(64, 16 * std::thread::hardware_concurrency());
  if (auto t = args.get("threads")) threads = static_cast<std::size_t>(std::max(1, std::atoi(t->c_str())));
  server::Options options;
  options.database = args.get("database").value_or(args.get("data").value_or("smpolicy-data"));
  options.demo = args.has("demo");
  options.secure_cookies = args.has("secure-cookies");
  auto app = server::App::open(options);
  if (!app) return std::fprintf(stderr, "smpolicy serve: %s\n", app.error().message.c_str()), k_exit_failed;
  auto served = server::serve(**app, *listen, threads, [&](int port) {
    std::printf("smpolicy is serving on http://%s:%d/\n", listen->host.c_str(), port);
    if (options.demo) {
      std::printf("demo users: teacher, head, dsl, office, it, governor, trust; password %s\n",
                  std::string(server::k_demo_password).c_str());
    }
    std::fflush(stdout);
  });
  if (!served) return std::fprintf(stderr, "smpolicy serve: %s\n", served.error().message.c_str()), k_exit_failed;
  return k_exit_ok;
}

}  // namespace smpolicy::cli
