// Private to detect: personal data found by its shape (phone numbers, postcodes, NHS and
// National Insurance numbers, e-mail addresses, street addresses, dates of birth) and
// links, over the plain view.
#pragma once

#include <array>
#include <cstdint>
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

// The byte classes the shape scanners share.
namespace shape_chars {
constexpr bool digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool alpha(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool alnum(char c) { return digit(c) || alpha(c) || static_cast<unsigned char>(c) >= 0x80; }
inline bool boundary_before(std::string_view s, std::size_t i) { return i == 0 || !alnum(s[i - 1]); }
inline bool boundary_after(std::string_view s, std::size_t i) { return i >= s.size() || !alnum(s[i]); }
}  // namespace shape_chars

// Where a shape could open, by the first bytes of a word: each scanner visits only
// the places its shape can start at, not every word. With them, which of the bytes some
// scanners need the text holds at all, learnt in the same pass.
struct Places {
  std::vector<std::size_t> digits;  // words opening with a digit
  std::vector<std::size_t> coded;   // words that could open a postcode or NI number
  std::vector<std::size_t> links;   // words that could open a link
  bool any_digit = false;  // every shape but e-mail addresses and links has digits
  bool slash = false;      // links but "www." ones need one
  bool plus = false;       // for "+44"
  bool at = false;         // for e-mail addresses
};

// How find_places reads the text: the widest steps the machine takes, sixteen bytes at a
// time, or one. Each gives the same places; the narrower ones are there to test that.
enum class Reading { widest, by_16, by_byte };

// Sorts the word starts of `text` into `places` (whose room is kept from call to call).
// `shorteners`: a word may open a shortener's link ("bit.ly/x") where the text has a '/'.
void find_places(std::string_view text, bool shorteners, Places& places, Reading reading = Reading::widest);

// The shapes in `plain`, the plain view of `original` (which is read only for capitals),
// into `hits`: cleared first, its room kept, so a caller scanning text after text
// allocates for few of them.
void scan_shapes(const NormalisedText& plain, std::string_view original, const ShapeOptions& options, std::vector<ShapeHit>& hits);

// The national form of a UK phone number ("+44 (0)1632 960123" -> "01632960123"), or "".
std::string national_phone(std::string_view text);

// A national form, held in place: it never has more than eleven digits.
struct NationalPhone {
  std::array<char, 11> digits{};
  std::size_t size = 0;  // 0: no UK phone number
  std::string_view view() const { return {digits.data(), size}; }
};

// national_phone from a number's digits alone; `plus44`: its text opens with "+44".
NationalPhone national_phone_of(std::string_view digits, bool plus44);

// Whether `s` holds a cue that a date is a birth ("born", "dob", "date of birth"...) in
// the 30 bytes before byte i.
bool birth_cue_before(std::string_view s, std::size_t i);

// The end of a date starting at byte i of `s` with a four-digit year ("14/03/2016",
// "2016-03-14", "3rd March 2016"), or i where none starts there.
std::size_t date_end(std::string_view s, std::size_t i);

// Bit c - 'a' for each letter c that opens a month's name ("jan", "feb"...).
constexpr std::uint32_t k_month_initials = (1u << ('j' - 'a')) | (1u << ('f' - 'a')) | (1u << ('m' - 'a')) | (1u << ('a' - 'a')) |
                                           (1u << ('s' - 'a')) | (1u << ('o' - 'a')) | (1u << ('n' - 'a')) | (1u << ('d' - 'a'));

// False where date_end, at byte i (a digit), surely finds no date: after one or two
// digits come a space and a word that opens no month ("3 kids", "12 pupils"), as after
// most numbers in posts. Made in line, so that those numbers cost no call.
inline bool could_open_date(std::string_view s, std::size_t i) {
  using namespace shape_chars;
  const std::size_t j = i + 1 < s.size() && digit(s[i + 1]) ? i + 2 : i + 1;
  return !(j + 1 < s.size() && s[j] == ' ' && alpha(s[j + 1]) && !((k_month_initials >> (s[j + 1] - 'a')) & 1));
}

// Whether s[i, i + 10), which must lie within `s`, has at most two bytes that are not
// digits.
bool mostly_digits(std::string_view s, std::size_t i);

// True when ten digits pass the NHS number's modulus-11 check.
bool nhs_number_valid(std::string_view ten_digits);

}  // namespace smpolicy
