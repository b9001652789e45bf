// Squid's `common` and `combined` formats (Apache's, with Squid's status tags after):
//   client ident user [21/Nov/2026:22:38:11 +0000] "GET url HTTP/1.1" status bytes
//     ["referrer" "user agent"] [TCP_MISS:HIER_DIRECT]
// The user name may hold spaces, so it runs from the ident field to the " [" that opens a
// well-formed date. These formats carry no elapsed time: the visit starts at the stamp.
#include "monitor/fields.hpp"
#include "monitor/readers.hpp"

namespace smpolicy::monitor::readers {
namespace {

using fields::Cursor;

int two(std::string_view s, std::size_t at) {
  if (at + 2 > s.size() || !fields::is_digit(s[at]) || !fields::is_digit(s[at + 1])) return -1;
  return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

// "21/Nov/2026:22:38:11 +0000]" at the start of `s` -> UTC milliseconds.
bool clf_time(std::string_view s, std::int64_t& out) {
  if (s.size() < 27 || s[2] != '/' || s[6] != '/' || s[11] != ':' || s[14] != ':' || s[17] != ':' ||
      s[20] != ' ' || (s[21] != '+' && s[21] != '-') || s[26] != ']') {
    return false;
  }
  std::uint64_t year = 0;
  if (!fields::to_uint(s.substr(7, 4), year)) return false;
  int day = two(s, 0), hour = two(s, 12), minute = two(s, 15), second = two(s, 18);
  int off_h = two(s, 22), off_m = two(s, 24);
  if (off_h < 0 || off_m < 0) return false;
  std::int64_t t = fields::civil_seconds(static_cast<int>(year), fields::month_of(s.substr(3, 3)), day, hour,
                                         minute, second);
  if (t < 0) return false;
  std::int64_t offset = (off_h * 60 + off_m) * 60 * (s[21] == '-' ? -1 : 1);
  out = (t - offset) * 1000;
  return true;
}

// A quoted field at the start of `s` (backslash escapes allowed); its inside, and `s`
// moved past it.
bool quoted(std::string_view& s, std::string_view& inside) {
  if (s.empty() || s[0] != '"') return false;
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      inside = s.substr(1, i - 1);
      s.remove_prefix(i + 1);
      return true;
    }
  }
  return false;
}

void skip_spaces(std::string_view& s) {
  while (!s.empty() && s[0] == ' ') s.remove_prefix(1);
}

Result clf(std::string_view line, bool want_combined) {
  Cursor c{line};
  Hit hit;
  hit.client = c.next();
  std::string_view ident = c.next();
  if (ident.empty()) return std::unexpected("too few fields for a common log line");
  std::size_t user_begin = c.pos + 1, open = c.pos;
  std::int64_t stamp = 0;
  while ((open = line.find(" [", open)) != std::string_view::npos) {
    if (clf_time(line.substr(open + 2), stamp)) break;
    open += 2;
  }
  if (open == std::string_view::npos || user_begin > open) return std::unexpected("no [date] after the user");
  hit.user = line.substr(user_begin, open - user_begin);
  std::string_view rest = line.substr(open + 2 + 27), request;
  skip_spaces(rest);
  if (!quoted(rest, request)) return std::unexpected("the request is not quoted");
  Cursor r{request};
  hit.method = r.next();
  hit.url = r.next();
  Cursor tail{rest};
  std::uint64_t size = 0;
  std::string_view bytes;
  if (!fields::to_status(tail.next(), hit.status)) return std::unexpected("the status is not a number");
  if (bytes = tail.next(); !fields::to_uint(bytes, size) && bytes != "-") return std::unexpected("the size is not a number");
  rest = tail.rest();
  std::string_view referrer, agent;
  bool has_agent = quoted(rest, referrer) && (skip_spaces(rest), quoted(rest, agent));
  if (has_agent != want_combined) {
    return std::unexpected(want_combined ? "no quoted referrer and user agent" : "quoted fields after the size");
  }
  Cursor tags{rest};
  std::string_view squid_tags = tags.next();
  if (!tags.rest().empty()) return std::unexpected("unexpected fields at the end");
  hit.end_ms = hit.start_ms = stamp;
  hit.user_escaped = true;
  if (hit.user.empty()) hit.user = "-";
  hit.denied = fields::contains(squid_tags, "DENIED") || hit.status == 407;
  return hit;
}

}  // namespace

Result common(std::string_view line) { return clf(line, false); }
Result combined(std::string_view line) { return clf(line, true); }

}  // namespace smpolicy::monitor::readers
