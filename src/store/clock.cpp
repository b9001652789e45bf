#include <ctime>

#include "store/store.hpp"

namespace smpolicy::store {
namespace {

class SystemClock final : public Clock {
 public:
  std::string now() const override {
    std::time_t t = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S+00:00", &utc);
    return text;
  }
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::string time) : m_time(std::move(time)) {}
  std::string now() const override { return m_time; }

 private:
  std::string m_time;
};

}  // namespace

std::shared_ptr<const Clock> system_clock() { return std::make_shared<SystemClock>(); }

std::shared_ptr<const Clock> fixed_clock(std::string iso_time) {
  return std::make_shared<FixedClock>(std::move(iso_time));
}

}  // namespace smpolicy::store
