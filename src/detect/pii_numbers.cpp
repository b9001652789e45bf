// The checks that tell a UK phone number and an NHS number from other digits.
#include <string>
#include <string_view>

#include "detect/pii.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace smpolicy {

NationalPhone national_phone_of(std::string_view digits, bool plus44) {
  NationalPhone out;
  const bool international = plus44 || digits.starts_with("0044");
  if (international) {
    digits.remove_prefix(digits.starts_with("0044") ? 4 : 2);
    if (digits.starts_with('0')) digits.remove_prefix(1);  // "+44 (0)1632 ..."
  }
  // A national number has 10 or 11 digits, so a longer run is none and needs no room.
  const std::size_t size = digits.size() + (international ? 1 : 0);
  if (size < 10 || size > out.digits.size()) return out;
  char* at = out.digits.data();
  if (international) *at++ = '0';
  digits.copy(at, digits.size());
  const std::string_view national(out.digits.data(), size);
  if (national[0] != '0' || std::string_view("12378").find(national[1]) == std::string_view::npos) return out;
  if (size == 11 || national.starts_with("01")) out.size = size;
  return out;
}

std::string national_phone(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return std::string(national_phone_of(digits, text.starts_with("+44")).view());
}

bool mostly_digits(std::string_view s, std::size_t i) {
#if defined(__SSE2__)
  // The ten bytes at once where sixteen can be read: at most two of them are not digits
  // when clearing the lowest of those bits twice leaves none.
  if (i + 16 <= s.size()) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const __m128i digits = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    unsigned others = ~static_cast<unsigned>(_mm_movemask_epi8(digits)) & 0x3FFu;
    others &= others - 1;
    others &= others - 1;
    return others == 0;
  }
#endif
  int others = 0;
  for (std::size_t j = i; j < i + 10; ++j) {
    if (!shape_chars::digit(s[j]) && ++others > 2) return false;
  }
  return true;
}

bool nhs_number_valid(std::string_view d) {
  if (d.size() != 10) return false;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (d[static_cast<std::size_t>(i)] - '0') * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  return check != 10 && check == d[9] - '0';
}

}  // namespace smpolicy
