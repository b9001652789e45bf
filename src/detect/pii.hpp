// Private to detect: personal data found by its shape (phone numbers, postcodes, NHS and
// National Insurance numbers, e-mail addresses, street addresses, dates of birth) and
// links, over the plain view.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "detect/detect.hpp"

namespace smpolicy {

struct ShapeHit {
  std::string_view kind;
  std::size_t begin = 0, end = 0;  // in the plain view
  float confidence = 1.0f;
};

struct ShapeOptions {
  const std::vector<std::string>* school_domains = nullptr;
  const std::vector<std::string>* school_phones = nullptr;  // national digits: "01632960123"
  const std::vector<std::string>* shorteners = nullptr;
};

// `plain` is the plain view of `original` (which is read only for capitals).
std::vector<ShapeHit> scan_shapes(const NormalisedText& plain, std::string_view original, const ShapeOptions& options);

// The national form of a UK phone number ("+44 (0)1632 960123" -> "01632960123"), or "".
std::string national_phone(std::string_view text);

// True when ten digits pass the NHS number's modulus-11 check.
bool nhs_number_valid(std::string_view ten_digits);

}  // namespace smpolicy
