// smpolicy eval
#include <cstdio>

#include "cli/cli.hpp"

namespace smpolicy::cli {

int run_eval(const std::vector<std::string>&) {
  std::fprintf(stderr, "smpolicy eval: not built yet\n");
  return k_exit_failed;
}

}  // namespace smpolicy::cli
