#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "core/core.hpp"
#include "core/embedded_table.hpp"

namespace smpolicy {

std::expected<std::string, Error> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(ErrorCode::io, path.string() + ": cannot open: " + std::strerror(errno));
  }
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) return fail(ErrorCode::io, path.string() + ": read failed");
  return std::move(out).str();
}

std::expected<void, Error> write_file_atomic(const std::filesystem::path& path,
                                             std::string_view text) {
  auto temp = path;
  temp += ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      return fail(ErrorCode::io, temp.string() + ": cannot create: " + std::strerror(errno));
    }
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      std::filesystem::remove(temp);
      return fail(ErrorCode::io, temp.string() + ": write failed");
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::filesystem::remove(temp);
    return fail(ErrorCode::io, path.string() + ": cannot replace: " + ec.message());
  }
  return {};
}

void for_each_line(std::string_view text, const std::function<void(std::string_view, int)>& each) {
  int number = 0;
  for (std::size_t start = 0; start < text.size();) {
    auto end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    each(line, ++number);
    start = end + 1;
  }
}

std::optional<std::string_view> embedded_file(std::string_view name) {
  using namespace embedded_detail;
  for (int i = 0; i < k_entry_count; ++i) {
    if (k_entries[i].name == name) return k_entries[i].data;
  }
  return std::nullopt;
}

std::vector<std::string_view> embedded_files(std::string_view prefix) {
  using namespace embedded_detail;
  std::vector<std::string_view> names;
  for (int i = 0; i < k_entry_count; ++i) {
    if (k_entries[i].name.starts_with(prefix)) names.push_back(k_entries[i].name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace smpolicy
