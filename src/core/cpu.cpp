// What the processor can run (core.hpp).
#include "core/core.hpp"

namespace smpolicy {

bool cpu_has_avx2() {
#ifdef SMPOLICY_X86_AVX2
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
#else
  return false;
#endif
}

}  // namespace smpolicy
