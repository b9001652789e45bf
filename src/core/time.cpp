#include <charconv>
#include <ctime>

#include "core/core.hpp"

namespace smpolicy {
namespace {

// Reads exactly `width` digits at `pos`; nullopt otherwise.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  auto [end, ec] = std::from_chars(text.data() + pos, text.data() + pos + width, value);
  if (ec != std::errc() || end != text.data() + pos + width) return std::nullopt;
  return value;
}

bool valid_date(int year, int month, int day) {
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int last = k_days[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= last;
}

std::unexpected<Error> bad_time(std::string_view text, std::string_view why) {
  return fail(ErrorCode::parse,
              "'" + std::string(text) + "' is not an ISO 8601 time with offset: " +
                  std::string(why));
}

}  // namespace

// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
std::int64_t days_from_civil(int year, unsigned month, unsigned day) {
  year -= month <= 2;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::expected<std::int64_t, Error> parse_date(std::string_view text) {
  auto year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !year || !month || !day ||
      !valid_date(*year, *month, *day)) {
    return fail(ErrorCode::parse, "'" + std::string(text) + "' is not a date (YYYY-MM-DD)");
  }
  return days_from_civil(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
}

std::expected<DateSpan, Error> parse_date_span(std::string_view text) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos) {
    return fail(ErrorCode::parse, "'" + std::string(text) + "' is not a span of dates (YYYY-MM-DD/YYYY-MM-DD)");
  }
  auto first = parse_date(text.substr(0, slash));
  if (!first) return std::unexpected(first.error());
  auto last = parse_date(text.substr(slash + 1));
  if (!last) return std::unexpected(last.error());
  if (*first > *last) return fail(ErrorCode::parse, "'" + std::string(text) + "' ends before it starts");
  return DateSpan{*first, *last};
}

std::expected<Instant, Error> parse_instant(std::string_view text) {
  if (text.size() < 19) return bad_time(text, "too short");
  auto days = parse_date(text.substr(0, 10));
  if (!days) return bad_time(text, "bad date");
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return bad_time(text, "no 'T'");
  auto hour = digits(text, 11, 2), minute = digits(text, 14, 2), second = digits(text, 17, 2);
  if (!hour || !minute || !second || text[13] != ':' || text[16] != ':' || *hour > 23 ||
      *minute > 59 || *second > 60) {
    return bad_time(text, "bad clock time");
  }
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return bad_time(text, "empty fraction");
  }
  int offset = 0;
  if (pos == text.size()) return bad_time(text, "no offset (add Z or +01:00)");
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    auto oh = digits(text, pos + 1, 2), om = digits(text, pos + 4, 2);
    if (!oh || !om || pos + 3 >= text.size() || text[pos + 3] != ':' || *oh > 23 || *om > 59) {
      return bad_time(text, "bad offset");
    }
    offset = (*oh * 60 + *om) * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return bad_time(text, "bad offset");
  }
  if (pos != text.size()) return bad_time(text, "trailing characters");
  std::int64_t local = *days * 86400 + *hour * 3600 + *minute * 60 + std::min(*second, 59);
  return Instant{local - offset * 60, offset};
}

std::optional<int> parse_clock(std::string_view text) {
  auto hour = digits(text, 0, 2), minute = digits(text, 3, 2);
  if (text.size() != 5 || text[2] != ':' || !hour || !minute || *hour > 24 || *minute > 59 ||
      (*hour == 24 && *minute != 0)) {
    return std::nullopt;
  }
  return *hour * 60 + *minute;
}

}  // namespace smpolicy

namespace smpolicy {

std::string format_utc(std::int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S+00:00", &utc);
  return text;
}

}  // namespace smpolicy
