#include <algorithm>
#include <array>

#include "core/core.hpp"

namespace smpolicy {
namespace {

constexpr std::array<std::string_view, 4> k_required = {"id", "role", "given_name",
                                                        "family_name"};
constexpr std::array<std::string_view, 12> k_known = {
    "id",    "role",       "given_name", "family_name", "preferred_name", "date_of_birth",
    "email", "phone",      "year_group", "left_on",     "restricted",     "photo_consent"};
constexpr std::array<std::string_view, 3> k_channels = {"print", "website", "social"};

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

struct Where {
  std::string_view name;
  int line;
};

Error row_error(Where where, int column, std::string_view field, std::string_view why) {
  return Error{ErrorCode::invalid, std::string(where.name) + ":" + std::to_string(where.line) +
                                       ":" + std::to_string(column) + ": column " +
                                       std::string(field) + ": " + std::string(why)};
}

std::optional<Role> parse_role(std::string_view text) {
  for (Role r : {Role::pupil, Role::staff, Role::parent, Role::governor}) {
    if (name_of(r) == text) return r;
  }
  return std::nullopt;
}

// Reads one cell into the person; returns a message when the value is not acceptable.
std::optional<std::string> apply(Person& p, std::string_view column, const std::string& v) {
  if (column == "id") {
    if (v.empty()) return "an id is required";
    p.id = v;
  } else if (column == "role") {
    auto role = parse_role(v);
    if (!role) return "'" + v + "' is not a role (pupil, staff, parent, governor)";
    p.role = *role;
  } else if (column == "given_name") {
    if (v.empty()) return "a given name is required";
    p.given_name = v;
  } else if (column == "family_name") {
    if (v.empty()) return "a family name is required";
    p.family_name = v;
  } else if (column == "preferred_name") {
    p.preferred_name = v;
  } else if (column == "date_of_birth" || column == "left_on") {
    if (!v.empty() && !parse_date(v)) return "'" + v + "' is not a date (YYYY-MM-DD)";
    (column == "left_on" ? p.left_on : p.date_of_birth) = v;
  } else if (column == "email") {
    if (!v.empty() && v.find('@') == std::string::npos) return "'" + v + "' is not an e-mail";
    p.email = v;
  } else if (column == "phone") {
    p.phone = v;
  } else if (column == "year_group") {
    p.year_group = v;
  } else if (column == "restricted") {
    if (v != "" && v != "true" && v != "false") return "'" + v + "' is not true or false";
    p.restricted = v == "true";
  } else if (column == "photo_consent") {
    p.consent_known = !v.empty();
    if (v.empty() || v == "none") return std::nullopt;
    std::size_t start = 0;
    while (start <= v.size()) {
      auto end = v.find(';', start);
      auto channel = trim(std::string_view(v).substr(start, end - start));
      if (std::find(k_channels.begin(), k_channels.end(), channel) == k_channels.end()) {
        return "'" + channel + "' is not a channel (print, website, social) or none";
      }
      p.photo_consent.push_back(channel);
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
  return std::nullopt;
}

}  // namespace

const Person* Roster::find(std::string_view id) const {
  auto it = by_id.find(std::string(id));
  return it == by_id.end() ? nullptr : &people[it->second];
}

std::expected<RosterLoad, Error> parse_roster(std::string_view text, std::string_view name) {
  auto parsed = parse_csv(text, name);
  if (!parsed) return std::unexpected(parsed.error());
  const auto& rows = *parsed;
  if (rows.empty()) return fail(ErrorCode::invalid, std::string(name) + ": empty roster");
  std::vector<std::string> header;
  for (auto& cell : rows[0].cells) {
    auto column = trim(cell.text);
    if (std::find(k_known.begin(), k_known.end(), column) == k_known.end()) {
      return fail(ErrorCode::invalid, std::string(name) + ":1:" + std::to_string(cell.column) +
                                          ": unknown column '" + column + "'");
    }
    header.push_back(column);
  }
  for (auto required : k_required) {
    if (std::find(header.begin(), header.end(), required) == header.end()) {
      return fail(ErrorCode::invalid, std::string(name) + ":1: missing required column '" +
                                          std::string(required) + "'");
    }
  }
  RosterLoad load;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    Where where{name, row.line};
    if (row.cells.size() != header.size()) {
      load.row_errors.push_back(row_error(where, 1, "*",
          "has " + std::to_string(row.cells.size()) + " cells, header has " +
              std::to_string(header.size())));
      continue;
    }
    Person person;
    std::optional<Error> error;
    for (std::size_t c = 0; c < header.size() && !error; ++c) {
      if (auto why = apply(person, header[c], trim(row.cells[c].text))) {
        error = row_error(where, row.cells[c].column, header[c], *why);
      }
    }
    if (!error && load.roster.by_id.contains(person.id)) {
      error = row_error(where, row.cells[0].column, "id", "duplicate id '" + person.id + "'");
    }
    if (error) {
      load.row_errors.push_back(*error);
      continue;
    }
    load.roster.by_id.emplace(person.id, load.roster.people.size());
    load.roster.people.push_back(std::move(person));
  }
  return load;
}

std::expected<RosterLoad, Error> load_roster(const std::filesystem::path& path) {
  auto text = read_file(path);
  if (!text) return std::unexpected(text.error());
  return parse_roster(*text, path.string());
}

}  // namespace smpolicy
