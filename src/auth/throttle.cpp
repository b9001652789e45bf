#include "auth/auth.hpp"

namespace smpolicy::auth {

bool Throttle::allowed(std::string_view key, int limit, Clock::time_point now) {
  std::lock_guard lock(m_mutex);
  auto found = m_records.find(key);
  if (found == m_records.end()) return true;
  if (now - found->second.last >= m_window) {
    m_records.erase(found);  // the window has passed: start afresh
    return true;
  }
  return found->second.failures < limit;
}

void Throttle::failed(std::string_view key, Clock::time_point now) {
  std::lock_guard lock(m_mutex);
  auto found = m_records.find(key);
  if (found == m_records.end()) found = m_records.emplace(std::string(key), Record{}).first;
  if (now - found->second.last >= m_window) found->second.failures = 0;
  ++found->second.failures;
  found->second.last = now;
}

void Throttle::succeeded(std::string_view key) {
  std::lock_guard lock(m_mutex);
  if (auto found = m_records.find(key); found != m_records.end()) m_records.erase(found);
}

}  // namespace smpolicy::auth
