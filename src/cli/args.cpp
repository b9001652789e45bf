#include <algorithm>

#include "cli/cli.hpp"

namespace smpolicy::cli {

std::optional<std::string> Args::get(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

Args parse_args(const std::vector<std::string>& argv, const std::vector<std::string>& valued,
                const std::vector<std::string>& flags) {
  Args args;
  auto known = [](const std::vector<std::string>& set, const std::string& name) {
    return std::find(set.begin(), set.end(), name) != set.end();
  };
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "--") {
      args.positional.insert(args.positional.end(), argv.begin() + static_cast<long>(i) + 1, argv.end());
      break;
    }
    if (!a.starts_with("--") || a == "-") {
      args.positional.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    bool inline_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
      inline_value = true;
    }
    if (known(valued, name)) {
      if (!inline_value) {
        if (i + 1 >= argv.size()) {
          args.error = "--" + name + " needs a value";
          return args;
        }
        value = argv[++i];
      }
      args.options[name] = value;
    } else if (known(flags, name) && !inline_value) {
      args.options[name] = "";
    } else {
      args.error = "unknown option --" + name;
      return args;
    }
  }
  return args;
}

}  // namespace smpolicy::cli
