// Who a proxy user is: --users MAP.csv and the roster.
#include <algorithm>

#include "monitor/fields.hpp"
#include "monitor/monitor.hpp"

namespace smpolicy::monitor {
namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The names a logged user may be known by: as logged, without a Windows domain, without
// a mail domain.
std::vector<std::string> spellings(std::string_view user) {
  std::vector<std::string> out{fields::lower(user)};
  std::string_view bare = user;
  if (auto slash = bare.rfind('\\'); slash != std::string_view::npos) bare.remove_prefix(slash + 1);
  if (bare.size() != user.size()) out.push_back(fields::lower(bare));
  if (auto at = bare.find('@'); at != std::string_view::npos) out.push_back(fields::lower(bare.substr(0, at)));
  return out;
}

bool matches(const Person& person, const std::string& full, const std::string& name) {
  std::string id = fields::lower(person.id), email = fields::lower(person.email);
  if (id == name || id == "staff:" + name) return true;
  if (email.empty()) return false;
  return email == full || email.substr(0, email.find('@')) == name;
}

}  // namespace

std::expected<UserMap, Error> parse_user_map(std::string_view csv, std::string_view name) {
  auto rows = parse_csv(csv, name);
  if (!rows) return std::unexpected(rows.error());
  UserMap map;
  int user_col = -1, staff_col = -1;
  for (const auto& row : *rows) {
    std::vector<std::string_view> c;
    for (const auto& cell : row.cells) c.push_back(trimmed(cell.text));
    if (c.empty() || (c.size() == 1 && c[0].empty()) || c[0].starts_with('#')) continue;
    auto where = std::string(name) + ":" + std::to_string(row.line);
    if (user_col < 0) {
      for (std::size_t i = 0; i < c.size(); ++i) {
        if (fields::lower(c[i]) == "user") user_col = static_cast<int>(i);
        if (fields::lower(c[i]) == "staff") staff_col = static_cast<int>(i);
      }
      if (user_col < 0 || staff_col < 0) return fail(ErrorCode::parse, where + ": the header needs columns user and staff");
      continue;
    }
    auto u = static_cast<std::size_t>(user_col), s = static_cast<std::size_t>(staff_col);
    if (c.size() <= std::max(u, s) || c[u].empty() || c[s].empty()) {
      return fail(ErrorCode::parse, where + ": a row needs a user and a staff id");
    }
    map.staff_by_user[fields::lower(c[u])] = std::string(c[s]);
  }
  if (user_col < 0) return fail(ErrorCode::parse, std::string(name) + ": no header (user,staff)");
  return map;
}

std::expected<UserMap, Error> load_user_map(const std::filesystem::path& path) {
  auto text = read_file(path);
  if (!text) return std::unexpected(text.error());
  return parse_user_map(*text, path.string());
}

std::string staff_of_user(std::string_view user, const UserMap* map, const Roster* roster) {
  auto names = spellings(user);
  if (map) {
    for (const auto& n : names) {
      if (auto it = map->staff_by_user.find(n); it != map->staff_by_user.end()) return it->second;
    }
  }
  if (!roster) return {};
  for (const auto& n : names) {
    const Person* found = nullptr;
    for (const auto& person : roster->people) {
      if (!matches(person, names.front(), n)) continue;
      if (found && found != &person) return {};  // two people answer to this name: no guess
      found = &person;
    }
    if (found) return found->id;
  }
  return {};
}

}  // namespace smpolicy::monitor
