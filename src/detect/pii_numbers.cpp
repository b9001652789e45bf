// The checks that tell a UK phone number and an NHS number from other digits.
#include <string>
#include <string_view>

#include "detect/pii.hpp"

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

bool nhs_number_valid(std::string_view d) {
  if (d.size() != 10) return false;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (d[static_cast<std::size_t>(i)] - '0') * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  return check != 10 && check == d[9] - '0';
}

}  // namespace smpolicy
