// The checks that tell a UK phone number and an NHS number from other digits.
#include <string>
#include <string_view>

#include "detect/pii.hpp"

namespace smpolicy {

std::string national_phone(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits += c;
  }
  if (text.starts_with("+44") || digits.starts_with("0044")) {
    digits = digits.substr(digits.starts_with("0044") ? 4 : 2);
    if (digits.starts_with("0")) digits.erase(0, 1);  // "+44 (0)1632 ..."
    digits = "0" + digits;
  }
  if (digits.size() < 2 || digits[0] != '0' || std::string_view("12378").find(digits[1]) == std::string_view::npos) return {};
  if (digits.size() == 11 || (digits.size() == 10 && digits.starts_with("01"))) return digits;
  return {};
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
