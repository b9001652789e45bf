// Private to monitor: one function per log format. Each reads one line (no newline) into
// a Hit whose views point into the line, or says why the line is not of its format.
#pragma once

#include <expected>
#include <string_view>

#include "monitor/monitor.hpp"

namespace smpolicy::monitor::readers {

using Result = std::expected<Hit, std::string_view>;

// Squid native, and e2guardian's Squid-compatible format (the same fields).
Result squid(std::string_view line);
// Squid `common` (also plain Apache common) and `combined`: `combined` needs the quoted
// referrer and user agent, `common` refuses them.
Result common(std::string_view line);
Result combined(std::string_view line);

// Converts e2guardian's local stamps: seconds of the civil time read as UTC -> UTC.
class LocalClock {
 public:
  virtual ~LocalClock() = default;
  virtual std::int64_t to_utc(std::int64_t civil_as_utc) = 0;
};
Result e2guardian(std::string_view line, LocalClock& clock);

}  // namespace smpolicy::monitor::readers
