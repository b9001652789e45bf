// Private to core: the table written by cmake/embed.cmake.
#pragma once
#include <string_view>

namespace smpolicy::embedded_detail {
struct Entry {
  std::string_view name;
  std::string_view data;
};
extern const Entry k_entries[];
extern const int k_entry_count;
}  // namespace smpolicy::embedded_detail
