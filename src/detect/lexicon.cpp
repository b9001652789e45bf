// The lexicon files: tab-separated term lists, a nickname table and plain word lists.
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "detect/detect.hpp"

namespace smpolicy {
namespace {

std::vector<std::string_view> split(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    auto end = line.find(sep, start);
    out.push_back(line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.remove_suffix(1);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return std::string(s);
}

// A comment is "#" then a space or nothing; "#teacherlife" is a hashtag term.
bool comment(std::string_view line) { return line.front() == '#' && (line.size() == 1 || line[1] == ' ' || line[1] == '\t'); }

// Calls `each(fields, line_number)` for every non-blank, non-comment line after the header.
template <typename Each>
std::expected<void, Error> for_rows(std::string_view text, std::string_view name, bool header, Each each) {
  std::string why;
  int bad_line = 0;
  for_each_line(text, [&](std::string_view line, int number) {
    if (bad_line || trim(line).empty() || comment(line) || (header && number == 1)) return;
    why = each(split(line, '\t'), number);
    if (!why.empty()) bad_line = number;
  });
  if (bad_line) return fail(ErrorCode::parse, std::string(name) + ":" + std::to_string(bad_line) + ": " + why);
  return {};
}

bool known_kind(std::string_view kind) {
  auto kinds = finding_kinds();
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

std::string add_term(Lexicon& lexicon, std::string_view term, std::string_view kind, std::string_view severity) {
  std::string t = trim(term), k = trim(kind);
  if (t.empty()) return "empty term";
  if (!known_kind(k)) return "'" + k + "' is not a finding kind";
  int level = severity.empty() ? 1 : std::atoi(std::string(severity).c_str());
  if (level < 1 || level > 3) return "severity must be 1, 2 or 3";
  lexicon.terms.push_back(LexiconEntry{t, k, level});
  return {};
}

}  // namespace

std::expected<Lexicon, Error> parse_lexicon(const LexiconFiles& files) {
  Lexicon lexicon;
  auto language = for_rows(files.language_tsv, "data/lexicon/language.tsv", true, [&](auto fields, int) -> std::string {
    if (fields.size() < 3) return "expected term, kind, severity";
    return add_term(lexicon, fields[0], fields[1], fields[2]);
  });
  if (!language) return std::unexpected(language.error());
  auto topics = for_rows(files.topics_tsv, "data/lexicon/topics.tsv", true, [&](auto fields, int) -> std::string {
    if (fields.size() < 2) return "expected term, kind";
    return add_term(lexicon, fields[0], fields[1], "");
  });
  if (!topics) return std::unexpected(topics.error());
  auto nicknames = for_rows(files.nicknames_tsv, "data/lexicon/nicknames.tsv", true, [&](auto fields, int) -> std::string {
    if (fields.size() < 2) return "expected name, nicknames";
    auto& list = lexicon.nicknames[trim(fields[0])];
    for (auto nick : split(fields[1], ',')) {
      if (auto n = trim(nick); !n.empty()) list.push_back(n);
    }
    return {};
  });
  if (!nicknames) return std::unexpected(nicknames.error());
  auto plain_list = [](std::string_view text, auto add) {
    return for_rows(text, "", false, [&](auto fields, int) -> std::string {
      add(trim(fields[0]));
      return {};
    });
  };
  (void)plain_list(files.ordinary_names, [&](std::string w) { lexicon.ordinary_names.insert(std::move(w)); });
  (void)plain_list(files.shorteners, [&](std::string w) { lexicon.shorteners.push_back(std::move(w)); });
  (void)plain_list(files.exceptions, [&](std::string w) { lexicon.exceptions.push_back(std::move(w)); });
  auto patterns = for_rows(files.patterns_tsv, "data/lexicon/patterns.tsv", true, [&](auto fields, int) -> std::string {
    if (fields.size() < 2) return "expected pattern, kind";
    std::string kind = trim(fields[1]);
    if (!known_kind(kind)) return "'" + kind + "' is not a finding kind";
    lexicon.patterns.push_back(LexiconPattern{std::string(fields[0]), kind});
    return {};
  });
  if (!patterns) return std::unexpected(patterns.error());
  return lexicon;
}

const Lexicon& builtin_lexicon() {
  static const Lexicon lexicon = [] {
    auto file = [](std::string_view name) {
      auto text = embedded_file(name);
      if (!text) {
        std::fprintf(stderr, "smpolicy: %.*s is not embedded\n", static_cast<int>(name.size()), name.data());
        std::abort();
      }
      return *text;
    };
    auto parsed = parse_lexicon(LexiconFiles{file("data/lexicon/language.tsv"), file("data/lexicon/topics.tsv"),
                                             file("data/lexicon/nicknames.tsv"), file("data/lexicon/ordinary-word-names.txt"),
                                             file("data/lexicon/shorteners.txt"), file("data/lexicon/patterns.tsv"),
                                             file("data/lexicon/exceptions.txt")});
    if (!parsed) {
      std::fprintf(stderr, "smpolicy: embedded lexicon is broken: %s\n", parsed.error().message.c_str());
      std::abort();
    }
    return std::move(*parsed);
  }();
  return lexicon;
}

}  // namespace smpolicy
