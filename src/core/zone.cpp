// The one file that sees cctz: IANA time zones from the system's tz database.
#include <cctz/civil_time.h>
#include <cctz/time_zone.h>

#include <chrono>

#include "core/core.hpp"

namespace smpolicy {

struct TimeZone::Impl {
  cctz::time_zone zone;
};

std::expected<TimeZone, Error> load_time_zone(std::string_view name) {
  cctz::time_zone zone;
  if (!cctz::load_time_zone(std::string(name), &zone)) {
    return fail(ErrorCode::not_found, "unknown time zone '" + std::string(name) + "'");
  }
  TimeZone result;
  result.m_impl = std::make_shared<const TimeZone::Impl>(TimeZone::Impl{zone});
  result.m_name = std::string(name);
  return result;
}

LocalTime TimeZone::local(std::int64_t seconds) const {
  using clock = std::chrono::system_clock;
  auto moment = std::chrono::time_point_cast<cctz::seconds>(clock::from_time_t(0)) +
                cctz::seconds(seconds);
  auto civil = cctz::convert(moment, m_impl->zone);
  LocalTime out;
  out.year = static_cast<int>(civil.year());
  out.month = civil.month();
  out.day = civil.day();
  out.weekday = static_cast<int>(cctz::get_weekday(cctz::civil_day(civil)));  // cctz: monday == 0
  out.minute_of_day = civil.hour() * 60 + civil.minute();
  return out;
}

}  // namespace smpolicy
