// What the processor can run (core.hpp).
#include "core/core.hpp"

namespace smpolicy {

bool cpu_has_avx2() {
#ifdef SMPOLICY_X86_AVX2
  // BMI1 and BMI2 came in with AVX2 (Haswell, Excavator), and processors with AVX2 have
  // them, so asking for them too costs no processor its AVX2 forms.
  static const bool has =
      __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2");
  return has;
#else
  return false;
#endif
}

}  // namespace smpolicy
