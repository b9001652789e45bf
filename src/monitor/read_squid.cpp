// Squid's native format:
//   time.ms elapsed client code/status bytes method url user hierarchy/peer type
// e2guardian's Squid-compatible format has the same fields. The user name may hold spaces
// ("jane doe"), so it is everything between the URL and the hierarchy field, which is the
// first later token shaped like "HIER_DIRECT/..." (upper case, which a lower-cased user
// name never is).
#include "monitor/fields.hpp"
#include "monitor/readers.hpp"

namespace smpolicy::monitor::readers {
namespace {

using fields::Cursor;

// "1795300691.611" -> milliseconds; any number of fraction digits, first three used.
bool stamp_ms(std::string_view text, std::int64_t& out) {
  auto dot = text.find('.');
  std::uint64_t seconds = 0, fraction = 0;
  if (!fields::to_uint(text.substr(0, dot), seconds)) return false;
  if (dot != std::string_view::npos) {
    std::string_view digits = text.substr(dot + 1, 3);
    if (digits.empty() || !fields::to_uint(digits, fraction)) return false;
    for (std::size_t i = digits.size(); i < 3; ++i) fraction *= 10;
    for (char c : text.substr(dot + 1)) {
      if (!fields::is_digit(c)) return false;
    }
  }
  // 1990 to 2100: anything else is not a proxy's clock.
  if (seconds < 631152000 || seconds > 4102444800) return false;
  out = static_cast<std::int64_t>(seconds * 1000 + fraction);
  return true;
}

bool looks_like_hierarchy(std::string_view token) {
  auto slash = token.find('/');
  if (slash == 0 || slash == std::string_view::npos) return false;
  for (char c : token.substr(0, slash)) {
    if (!((c >= 'A' && c <= 'Z') || c == '_')) return false;
  }
  return true;
}

// Splits what follows the URL into the user and the rest; false without a hierarchy field.
bool split_user(std::string_view rest, std::string_view& user) {
  Cursor c{rest};
  while (true) {
    c.skip_spaces();
    std::size_t begin = c.pos;
    std::string_view token = c.next();
    if (token.empty()) return false;
    if (looks_like_hierarchy(token)) {
      user = rest.substr(0, begin);
      while (!user.empty() && user.back() == ' ') user.remove_suffix(1);
      return true;
    }
  }
}

constexpr std::int64_t k_max_elapsed_ms = 31LL * 24 * 3600 * 1000;

}  // namespace

Result squid(std::string_view line) {
  Cursor c{line};
  std::string_view stamp = c.next(), elapsed = c.next();
  Hit hit;
  hit.client = c.next();
  std::string_view code = c.next(), bytes = c.next();
  hit.method = c.next();
  hit.url = c.next();
  if (hit.url.empty()) return std::unexpected("too few fields for a Squid line");
  std::uint64_t elapsed_ms = 0, size = 0;
  if (!stamp_ms(stamp, hit.end_ms)) return std::unexpected("the time is not seconds.milliseconds");
  if (!fields::to_uint(elapsed, elapsed_ms) || static_cast<std::int64_t>(elapsed_ms) > k_max_elapsed_ms) {
    return std::unexpected("the elapsed time is not a number of milliseconds");
  }
  auto slash = code.find('/');
  if (slash == std::string_view::npos || !fields::to_status(code.substr(slash + 1), hit.status)) {
    return std::unexpected("the result is not CODE/STATUS");
  }
  if (!fields::to_uint(bytes, size) && bytes != "-") return std::unexpected("the size is not a number");
  if (!split_user(c.rest(), hit.user)) return std::unexpected("no hierarchy field after the user");
  if (hit.user.empty()) hit.user = "-";
  hit.start_ms = hit.end_ms - static_cast<std::int64_t>(elapsed_ms);
  hit.user_escaped = true;
  hit.denied = fields::contains(code.substr(0, slash), "DENIED") || hit.status == 407;
  return hit;
}

}  // namespace smpolicy::monitor::readers
