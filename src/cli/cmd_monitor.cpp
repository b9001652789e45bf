// smpolicy monitor: proxy logs against the policy's permitted times and sites.
#include <cstdio>

#include "cli/cli.hpp"

namespace smpolicy::cli {

int run_monitor(const std::vector<std::string>&) {
  std::fprintf(stderr, "smpolicy monitor: not built yet\n");
  return k_exit_failed;
}

}  // namespace smpolicy::cli
