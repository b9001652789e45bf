// e2guardian's native format (logfileformat 1), fields separated by single spaces:
//   2026.11.21 22:39:36 who from where what how size weight category group code
//     mimetype clienthost groupname useragent params logid1 logid2 postdata
// `who`, `what` (flags and reason: "*DENIED* Blocked site: x") and `category` are free text
// with spaces. So: the URL is the first token with "://", the address is the token before
// it and the user everything between the clock and the address; the method is the first
// later token that is an HTTP method followed by two numbers (size, weight); the status is
// the second of the first two numbers after those. The stamp is local time, no offset.
#include "monitor/fields.hpp"
#include "monitor/readers.hpp"

namespace smpolicy::monitor::readers {
namespace {

using fields::Cursor;

// "2026.11.21" and "22:39:36" -> seconds of that civil time read as UTC, or -1.
std::int64_t civil(std::string_view date, std::string_view clock) {
  std::uint64_t y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (date.size() != 10 || date[4] != '.' || date[7] != '.' || clock.size() != 8 || clock[2] != ':' ||
      clock[5] != ':' || !fields::to_uint(date.substr(0, 4), y) || !fields::to_uint(date.substr(5, 2), mo) ||
      !fields::to_uint(date.substr(8, 2), d) || !fields::to_uint(clock.substr(0, 2), h) ||
      !fields::to_uint(clock.substr(3, 2), mi) || !fields::to_uint(clock.substr(6, 2), s)) {
    return -1;
  }
  return fields::civil_seconds(static_cast<int>(y), static_cast<int>(mo), static_cast<int>(d),
                               static_cast<int>(h), static_cast<int>(mi), static_cast<int>(s));
}

bool is_number(std::string_view token) {
  std::int64_t ignored = 0;
  return fields::to_int(token, ignored);
}

struct Where {
  std::size_t user_begin = 0, user_end = 0;
  std::string_view client, url;
  std::size_t after = 0;  // position after the URL
};

// Finds the URL and the address before it.
bool find_where(std::string_view line, std::size_t from, Where& w) {
  Cursor c{line, from};
  std::string_view previous;
  std::size_t previous_begin = 0;
  while (true) {
    c.skip_spaces();
    std::size_t begin = c.pos;
    std::string_view token = c.next();
    if (token.empty()) return false;
    if (fields::contains(token, "://") && !previous.empty()) {
      w = Where{from, previous_begin, previous, token, c.pos};
      while (w.user_end > w.user_begin && line[w.user_end - 1] == ' ') --w.user_end;
      return true;
    }
    previous = token;
    previous_begin = begin;
  }
}

}  // namespace

Result e2guardian(std::string_view line, LocalClock& clock) {
  Cursor c{line};
  std::string_view date = c.next(), time = c.next();
  std::int64_t local = civil(date, time);
  if (local < 0) return std::unexpected("no YYYY.MM.DD HH:MM:SS stamp");
  Where w;
  if (c.pos >= line.size() || !find_where(line, c.pos + 1, w)) return std::unexpected("no URL after the user and address");
  Hit hit;
  hit.user = w.user_end > w.user_begin ? line.substr(w.user_begin, w.user_end - w.user_begin) : "-";
  hit.client = w.client;
  hit.url = w.url;
  Cursor rest{line, w.after};
  std::string_view what_begin = rest.rest();
  std::string_view a = rest.next(), b = rest.next(), d = rest.next();
  while (!d.empty() && !(fields::is_method(a) && is_number(b) && is_number(d))) {
    a = b, b = d, d = rest.next();
  }
  if (d.empty()) return std::unexpected("no method, size and weight after the URL");
  hit.method = a;
  std::string_view what = what_begin.substr(0, static_cast<std::size_t>(a.data() - what_begin.data()));
  std::string_view group = rest.next(), code = rest.next();
  while (!code.empty() && !(is_number(group) && fields::to_status(code, hit.status))) group = code, code = rest.next();
  if (code.empty()) return std::unexpected("no filter group and status after the category");
  hit.end_ms = hit.start_ms = clock.to_utc(local) * 1000;
  hit.denied = fields::contains(what, "*DENIED") || hit.status == 407;
  return hit;
}

}  // namespace smpolicy::monitor::readers
