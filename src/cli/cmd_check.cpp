// smpolicy check
#include <cstdio>

#include "cli/cli.hpp"

namespace smpolicy::cli {

int run_check(const std::vector<std::string>&) {
  std::fprintf(stderr, "smpolicy check: not built yet\n");
  return k_exit_failed;
}

}  // namespace smpolicy::cli
