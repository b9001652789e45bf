// What the processor can run (core.hpp).
#include "core/core.hpp"

namespace smpolicy::core_detail {
namespace {

bool ask_cpu_for_avx2() {
#ifdef SMPOLICY_X86_AVX2
  // BMI1 and BMI2 came in with AVX2 (Haswell, Excavator), and processors with AVX2 have
  // them, so asking for them too costs no processor its AVX2 forms. The features are read
  // first, as a static initializer may run before the library's own.
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2");
#else
  return false;
#endif
}

}  // namespace

const bool g_cpu_has_avx2 = ask_cpu_for_avx2();

}  // namespace smpolicy::core_detail
