// libFuzzer harness over normalisation and detection: any bytes, no crash, no hang, and
// every span inside the input. Built by scripts/test.sh with clang (SMPOLICY_FUZZ=ON).
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "detect/detect.hpp"

namespace {

const smpolicy::Matcher& matcher() {
  static auto pack = smpolicy::resolve_pack("salterlee-2017");
  static auto roster = smpolicy::parse_roster(
      "id,role,given_name,family_name,preferred_name\npupil:1,pupil,Oliver,Bennett,Ollie\n"
      "pupil:2,pupil,Grace,Hill,\nparent:3,parent,Anne-Marie,O'Neill,\n",
      "fuzz.csv");
  static auto m = smpolicy::compile_matcher(**pack, &roster->roster);
  return *m;
}

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz: %s\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto plain = smpolicy::normalise(text);
  auto lexicon = smpolicy::deobfuscate(plain);
  for (const auto* view : {&plain, &lexicon}) {
    for (std::size_t i = 0; i < view->text.size(); ++i) {
      check(view->begin_of(i) < view->end_of(i) && view->end_of(i) <= size, "map out of range");
    }
  }
  for (const auto& f : smpolicy::detect_text(text, "text", matcher())) {
    check(f.begin < f.end && f.end <= size, "finding span out of range");
  }
  return 0;
}
