#include "detect/pii.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>

namespace smpolicy {
namespace {

using namespace shape_chars;

struct Scanner {
  Scanner(const NormalisedText& p, std::string_view o, const ShapeOptions& opts, std::vector<ShapeHit>& out)
      : plain(p), original(o), options(opts), s(p.text), hits(out), taken(buffers().taken), places(buffers().places) {
    hits.clear();
    taken.clear();
    find_places(s, options.shorteners != nullptr, places);
  }

  // Scratch reused by each thread from post to post, so scanning allocates nothing.
  struct Buffers {
    std::vector<char> taken;  // a byte each, so marking and testing a span is one call
    Places places;
  };
  static Buffers& buffers() {
    thread_local Buffers b;
    return b;
  }

  const NormalisedText& plain;
  std::string_view original;
  const ShapeOptions& options;
  std::string_view s;
  std::vector<ShapeHit>& hits;
  std::vector<char>& taken;
  Places& places;

  // Most posts have no shape at all, so the bytes taken are only marked from the first.
  void add(std::string_view kind, std::size_t b, std::size_t e, float confidence) {
    hits.push_back(ShapeHit{kind, b, e, confidence});
    if (taken.empty()) taken.assign(s.size(), 0);
    std::memset(taken.data() + b, 1, e - b);
  }
  bool taken_at(std::size_t i) const { return !taken.empty() && taken[i] != 0; }
  bool free(std::size_t b, std::size_t e) const { return taken.empty() || std::memchr(taken.data() + b, 1, e - b) == nullptr; }
  // std::isupper in the "C" locale, which the program never leaves, without a call.
  bool capitalised(std::size_t i) const {
    const char c = original[plain.begin_of(i)];
    return c >= 'A' && c <= 'Z';
  }

  // The digits of a number, held in place: no scanner reads more than sixteen.
  struct Digits {
    std::array<char, 16> digits{};
    std::size_t size = 0;
    std::string_view view() const { return {digits.data(), size}; }
  };

  // Digits from `i` joined by single separators; returns the end and the digits read,
  // stopping once `max_digits` (at most 16) are read.
  std::size_t digit_run(std::size_t i, std::string_view separators, Digits& digits, std::size_t max_digits) const {
    std::size_t j = i, end = i;
    while (j < s.size() && digits.size < max_digits) {
      if (digit(s[j])) {
        digits.digits[digits.size++] = s[j++];
        end = j;
      } else if (std::find(separators.begin(), separators.end(), s[j]) != separators.end() && j + 1 < s.size() &&
                 (digit(s[j + 1]) || s[j + 1] == '(')) {
        ++j;
      } else if (s[j] == '(' || s[j] == ')') {
        ++j;
      } else {
        break;
      }
    }
    return end;
  }

  void nhs_numbers() {
    for (std::size_t i : places.digits) {
      // An NHS number's ten digits span ten bytes or twelve, so this holds wherever one
      // starts; most numbers in posts ("3 kids", "10am") fail it before any digits are read,
      // and most of those ("3 kids") with the three bytes after the first, without a call.
      if (i + 10 > s.size() || (!digit(s[i + 1]) && !digit(s[i + 2]) && !digit(s[i + 3])) || !mostly_digits(s, i)) continue;
      Digits digits;
      std::size_t end = digit_run(i, " -", digits, 10);
      if (digits.size == 10 && boundary_after(s, end) && (end == s.size() || !digit(s[end])) &&
          (end - i == 10 || end - i == 12) && nhs_number_valid(digits.view())) {
        add("personal_data.nhs_number", i, end, end - i == 12 ? 0.97f : 0.85f);
      }
    }
  }

  // A number opens with "+44" or with a 0 that starts a word. Without a '+' in the text,
  // only the words opening with a digit need a look.
  void phones() {
    if (!places.plus) {
      std::size_t after = 0;  // past the last number found
      for (std::size_t i : places.digits) {
        if (i >= after && s[i] == '0') after = phone_at(i);
      }
      return;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
      bool plus = s[i] == '+' && s.substr(i + 1, 2) == "44";
      if (plus || (s[i] == '0' && boundary_before(s, i))) i = phone_at(i) - 1;
    }
  }

  // Adds the number starting at i, if there is one; returns where to look next.
  std::size_t phone_at(std::size_t i) {
    bool plus = s[i] == '+';
    Digits digits;
    std::size_t end = digit_run(plus ? i + 1 : i, " -.", digits, 14);
    // The number's text holds just these digits, so its national form comes from them.
    NationalPhone national = national_phone_of(digits.view(), plus && s.compare(i + 1, 2, "44") == 0);
    if (national.size == 0 || !boundary_after(s, end) || !free(i, end)) return i + 1;
    bool school = options.school_phones && std::find(options.school_phones->begin(), options.school_phones->end(),
                                                     national.view()) != options.school_phones->end();
    add(school ? "school.contact" : "personal_data.phone", i, end, 0.97f);
    return end + 1;
  }

  void national_insurance() {
    static constexpr std::string_view k_bad_prefixes[] = {"bg", "gb", "nk", "kn", "tn", "nt", "zz"};
    for (std::size_t i : places.coded) {
      if (i + 9 > s.size() || !alpha(s[i]) || !alpha(s[i + 1])) continue;
      std::size_t j = i + 2;
      if (s[j] == ' ') ++j;
      // Most words fail here: the digits must follow (digit_run also steps over brackets and spaces).
      if (!digit(s[j]) && s[j] != '(' && s[j] != ')' && s[j] != ' ') continue;
      if (std::string_view("dfiquv").find(s[i]) != std::string_view::npos ||
          std::string_view("dfiquvo").find(s[i + 1]) != std::string_view::npos) {
        continue;
      }
      if (std::find(std::begin(k_bad_prefixes), std::end(k_bad_prefixes), s.substr(i, 2)) != std::end(k_bad_prefixes)) continue;
      Digits digits;
      std::size_t end = digit_run(j, " ", digits, 6);
      if (digits.size != 6) continue;
      std::size_t k = end < s.size() && s[end] == ' ' ? end + 1 : end;
      if (k < s.size() && s[k] >= 'a' && s[k] <= 'd' && boundary_after(s, k + 1)) add("personal_data.ni_number", i, k + 1, 0.95f);
    }
  }

  void postcodes() {
    for (std::size_t i : places.coded) {
      if (i + 5 > s.size() || !alpha(s[i]) || s[i] == 'q' || s[i] == 'v' || s[i] == 'x') continue;
      std::size_t j = i + 1;
      if (alpha(s[j])) {
        if (s[j] == 'i' || s[j] == 'j' || s[j] == 'z') continue;
        ++j;
      }
      if (j >= s.size() || !digit(s[j])) continue;
      ++j;
      if (j < s.size() && alnum(s[j]) && !(j + 1 < s.size() && alpha(s[j + 1]) && digit(s[j]))) ++j;
      std::size_t k = j < s.size() && s[j] == ' ' ? j + 1 : j;
      if (k + 3 > s.size() || !digit(s[k]) || !alpha(s[k + 1]) || !alpha(s[k + 2]) || !boundary_after(s, k + 3)) continue;
      constexpr std::string_view k_not_inward = "cikmov";
      if (k_not_inward.find(s[k + 1]) != std::string_view::npos || k_not_inward.find(s[k + 2]) != std::string_view::npos) continue;
      if (free(i, k + 3)) add("personal_data.postcode", i, k + 3, 0.95f);
    }
  }

  void emails() {
    if (!places.at) return;
    for (std::size_t at = s.find('@'); at != std::string_view::npos; at = s.find('@', at + 1)) {
      auto local = [](char c) { return alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; };
      std::size_t b = at, e = at + 1;
      while (b > 0 && local(s[b - 1])) --b;
      while (e < s.size() && (alnum(s[e]) || s[e] == '.' || s[e] == '-')) ++e;
      while (e > at + 1 && s[e - 1] == '.') --e;
      std::string_view domain = s.substr(at + 1, e - at - 1);
      if (b == at || domain.find('.') == std::string_view::npos) continue;
      bool school = options.school_domains &&
                    std::any_of(options.school_domains->begin(), options.school_domains->end(), [&](const std::string& d) {
                      return domain == d || (domain.size() > d.size() && domain.ends_with(d) && domain[domain.size() - d.size() - 1] == '.');
                    });
      add(school ? "school.contact" : "personal_data.email", b, e, 0.99f);
    }
  }

  void links() {
    auto shortener = [&](std::string_view host) {
      return options.shorteners && std::find(options.shorteners->begin(), options.shorteners->end(), host) != options.shorteners->end();
    };
    // A bare shortener link needs a slash; most posts have none.
    bool bare_links = options.shorteners && places.slash;
    for (std::size_t i : places.links) {
      if (taken_at(i)) continue;
      std::size_t host_start;
      if (s[i] == 'h' && s.compare(i, 8, "https://") == 0) host_start = i + 8;
      else if (s[i] == 'h' && s.compare(i, 7, "http://") == 0) host_start = i + 7;
      else if (s[i] == 'w' && s.compare(i, 4, "www.") == 0) host_start = i;
      else if (alpha(s[i]) && bare_links) {
        // A bare shortener link ("bit.ly/abc"): its host is short, so look only a little way.
        std::string_view window = s.substr(i, 14);
        auto slash = window.find('/');
        if (slash == std::string_view::npos || window.find('.') > slash || !shortener(window.substr(0, slash))) continue;
        host_start = i;
      } else {
        continue;
      }
      std::size_t e = host_start;
      while (e < s.size() && !std::isspace(static_cast<unsigned char>(s[e])) && s[e] != '"' && s[e] != '<' && s[e] != '>') ++e;
      while (e > host_start && std::string_view(".,;:!?)'").find(s[e - 1]) != std::string_view::npos) --e;
      std::string_view rest = s.substr(host_start, e - host_start);
      std::string_view host = rest.substr(0, rest.find_first_of("/?#:"));
      if (host.find('.') == std::string_view::npos) continue;
      add(shortener(host) ? "link.shortener" : "link", i, e, 0.99f);
    }
  }

  void street_addresses() {
    for (std::size_t i : places.digits) street_address_at(i);
  }

  void street_address_at(std::size_t i) {
    static constexpr std::array<std::string_view, 26> k_streets = {
        "road", "rd", "street", "avenue", "ave", "lane", "close", "drive", "way", "crescent", "grove", "gardens",
        "place", "court", "terrace", "walk", "rise", "hill", "mews", "square", "row", "parade", "green", "view",
        "park", "cottages"};
    {
      if (!digit(s[i]) || taken_at(i)) return;
      std::size_t j = i;
      while (j < s.size() && digit(s[j]) && j - i < 4) ++j;
      if (j < s.size() && alpha(s[j]) && boundary_after(s, j + 1)) ++j;  // "12a"
      if (j < s.size() && s[j] == ',') ++j;                                // "Unit 4, Westgate Park"
      if (j >= s.size() || s[j] != ' ') return;
      std::size_t k = j + 1;
      for (int words = 0; words < 3 && k < s.size(); ++words) {
        std::size_t w = k;
        // Most words after a number are not capitalised, and are not read through.
        if (!alpha(s[k]) || !capitalised(k)) break;
        while (w < s.size() && alpha(s[w])) ++w;
        std::string_view word = s.substr(k, w - k);
        if (words > 0 && std::find(k_streets.begin(), k_streets.end(), word) != k_streets.end() && boundary_after(s, w)) {
          add("personal_data.address", i, w, 0.9f);
          break;
        }
        if (w >= s.size() || s[w] != ' ') break;
        k = w + 1;
      }
    }
  }

  // A date is looked for at each number first, as few numbers in posts are dates and the
  // cue of a birth is looked for only before those.
  void dates_of_birth() {
    for (std::size_t i : places.digits) {
      if (taken_at(i) || !could_open_date(s, i)) continue;
      std::size_t e = date_end(s, i);
      if (e != i && birth_cue_before(s, i)) add("personal_data.date_of_birth", i, e, 0.9f);
    }
  }
};

}  // namespace

void scan_shapes(const NormalisedText& plain, std::string_view original, const ShapeOptions& options, std::vector<ShapeHit>& hits) {
  Scanner scanner{plain, original, options, hits};
  // Order matters: the most specific shapes claim their bytes first.
  scanner.emails();
  scanner.links();
  if (!scanner.places.any_digit) return;
  scanner.nhs_numbers();
  scanner.national_insurance();
  scanner.phones();
  scanner.postcodes();
  scanner.dates_of_birth();
  scanner.street_addresses();
}

}  // namespace smpolicy
