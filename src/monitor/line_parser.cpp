// Choosing and running a reader, and what the rest of monitor needs from a URL.
#include <algorithm>
#include <array>

#include "monitor/fields.hpp"
#include "monitor/readers.hpp"

namespace smpolicy::monitor {
namespace {

constexpr std::array<std::pair<std::string_view, LogFormat>, 5> k_formats = {{
    {"auto", LogFormat::automatic},
    {"squid", LogFormat::squid},
    {"common", LogFormat::common},
    {"combined", LogFormat::combined},
    {"e2guardian", LogFormat::e2guardian},
}};

// The offset of a zone changes at most on the hour in practice, so one conversion per
// local hour is cached.
class ZoneClock : public readers::LocalClock {
 public:
  ZoneClock(const TimeZone& zone, std::int64_t& key, std::int64_t& offset)
      : m_zone(zone), m_key(key), m_offset(offset) {}
  std::int64_t to_utc(std::int64_t civil) override {
    std::int64_t hour = civil / 3600;
    if (hour != m_key) {
      m_offset = offset_at(civil - offset_at(civil));
      m_key = hour;
    }
    return civil - m_offset;
  }

 private:
  // Seconds the zone is ahead of UTC at the UTC moment `utc`.
  std::int64_t offset_at(std::int64_t utc) const {
    LocalTime l = m_zone.local(utc);
    std::int64_t local = fields::civil_seconds(l.year, l.month, l.day, l.minute_of_day / 60, l.minute_of_day % 60, 0);
    return local - (utc - ((utc % 60) + 60) % 60);
  }
  const TimeZone& m_zone;
  std::int64_t& m_key;
  std::int64_t& m_offset;
};

}  // namespace

std::optional<LogFormat> parse_log_format(std::string_view name) {
  for (auto [n, f] : k_formats) {
    if (n == name) return f;
  }
  return std::nullopt;
}

std::string_view name_of(LogFormat format) {
  for (auto [n, f] : k_formats) {
    if (f == format) return n;
  }
  return "auto";
}

LineParser::LineParser(LogFormat format, TimeZone zone) : m_format(format), m_zone(std::move(zone)) {}

std::expected<Hit, std::string_view> LineParser::parse(std::string_view line) {
  switch (m_format) {
    case LogFormat::squid: return readers::squid(line);
    case LogFormat::common: return readers::common(line);
    case LogFormat::combined: return readers::combined(line);
    case LogFormat::e2guardian: {
      ZoneClock clock(m_zone, m_cached_hour_key, m_cached_offset);
      return readers::e2guardian(line, clock);
    }
    case LogFormat::automatic: break;
  }
  return std::unexpected("no log format chosen");
}

LogFormat detect_format(std::span<const std::string_view> lines, const TimeZone& zone) {
  constexpr LogFormat k_order[] = {LogFormat::squid, LogFormat::combined, LogFormat::common, LogFormat::e2guardian};
  LogFormat best = LogFormat::automatic;
  std::size_t best_count = 0;
  for (LogFormat f : k_order) {
    LineParser parser(f, zone);
    auto count = static_cast<std::size_t>(
        std::count_if(lines.begin(), lines.end(), [&](std::string_view l) { return parser.parse(l).has_value(); }));
    if (count > best_count) best = f, best_count = count;
  }
  return best;
}

std::string_view host_of_url(std::string_view url) {
  std::string_view rest = url;
  if (auto scheme = rest.find("://"); scheme != std::string_view::npos) {
    rest.remove_prefix(scheme + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  } else if (rest.find('/') != std::string_view::npos || rest.empty() || rest == "-" ||
             rest.starts_with("error:")) {
    return {};  // a path with no host, or no URL at all
  }
  if (!rest.empty() && rest[0] == '[') return rest.substr(0, rest.find(']') + 1);  // IPv6 literal
  return rest.substr(0, rest.find(':'));
}

bool is_edit_request(std::string_view method, std::string_view url) {
  if (method != "POST" && method != "PUT") return false;
  return fields::contains(url, "index.php") || fields::contains(url, "action=edit") ||
         fields::contains(url, "action=submit");
}

}  // namespace smpolicy::monitor
