// The packs compiled into the binary, and finding a pack by id or path.
#include "policy/policy.hpp"

namespace smpolicy {

std::vector<std::string> bundled_pack_ids() {
  std::vector<std::string> ids;
  for (auto name : embedded_files("packs/")) {
    if (!name.ends_with(".toml")) continue;
    name.remove_prefix(6);
    name.remove_suffix(5);
    ids.emplace_back(name);
  }
  return ids;
}

std::expected<std::unique_ptr<Pack>, Error> resolve_pack(std::string_view id_or_path) {
  std::string name = "packs/" + std::string(id_or_path) + ".toml";
  if (auto text = embedded_file(name)) {
    auto pack = parse_pack(*text, name);
    if (pack) (*pack)->origin = "bundled";
    return pack;
  }
  std::error_code ec;
  if (std::filesystem::is_regular_file(id_or_path, ec)) return load_pack(id_or_path);
  std::string known;
  for (const auto& id : bundled_pack_ids()) known += (known.empty() ? "" : ", ") + id;
  return fail(ErrorCode::not_found, "no pack '" + std::string(id_or_path) +
                                        "': not a bundled id (" + known + ") nor a readable file");
}

}  // namespace smpolicy
