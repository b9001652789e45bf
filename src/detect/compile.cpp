// Building a school's matcher: the shared lexicon set plus the school's own names.
#include <cassert>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <map>
#include <mutex>

#include "detect/matcher.hpp"
#include "detect/pattern_words.hpp"
#include "detect/pii.hpp"

namespace smpolicy {
namespace {

bool is_language(std::string_view kind) { return kind.starts_with("language."); }

// Whether a term also matches its plurals ("twats", "bitches"): one-word language terms
// that are not prefixes and do not already end in 's'. The plurals are not literals of the
// set: the scan accepts an "s" or "es" after the term (scan.cpp), which keeps the set a
// third of the size.
// Starred-out spellings ("f***ing") are matched separately, against `LexiconMatcher::masked`.
bool takes_plurals(const LexiconEntry& entry, std::string_view base, bool prefix) {
  return is_language(entry.kind) && base.find(' ') == std::string_view::npos && !prefix && !base.ends_with('s');
}

// Adds to `literals` the words each pattern needs (pattern_words.hpp), so the one scan
// of the term list also tells which patterns a text could match.
void add_pattern_words(const std::vector<std::string>& patterns, LexiconMatcher& compiled,
                       std::vector<StartLiteral>& literals) {
  assert(literals.size() == compiled.terms.size());  // pattern words follow the terms' ids
  static_assert(k_most_sets <= 32, "a set is a bit of a std::uint32_t");
  for (std::size_t p = 0; p < patterns.size(); ++p) {
    auto sets = required_word_sets(patterns[p]);
    std::uint32_t needs = 0;
    for (std::size_t s = 0; s < sets.size(); ++s) {
      std::uint32_t bit = std::uint32_t{1} << s;
      needs |= bit;
      for (auto& word : sets[s]) {
        compiled.pattern_words.push_back({static_cast<unsigned>(p), bit});
        literals.push_back(std::move(word));
      }
    }
    compiled.pattern_needs.push_back(needs);
    if (!needs) compiled.unconditional_patterns.push_back(static_cast<unsigned>(p));
  }
}

std::shared_ptr<const LexiconMatcher> compile_lexicon(const Lexicon& lexicon) {
  auto compiled = std::make_shared<LexiconMatcher>();
  std::vector<StartLiteral> literals;
  for (const auto& entry : lexicon.terms) {
    bool prefix = entry.term.ends_with('*');
    std::string_view base = std::string_view(entry.term).substr(0, entry.term.size() - (prefix ? 1 : 0));
    if (base.empty()) continue;
    float confidence = is_language(entry.kind) ? 0.8f + 0.05f * static_cast<float>(entry.severity) : 0.8f;
    if (is_language(entry.kind) && entry.kind != "language.threat" && base.size() >= 3 &&
        base.find(' ') == std::string_view::npos) {
      compiled->masked[base.front()].push_back(MaskedTerm{std::string(base), entry.kind, prefix, entry.severity});
    }
    compiled->terms.push_back(
        LexTerm{entry.kind, static_cast<std::uint32_t>(base.size()), prefix, takes_plurals(entry, base, prefix), confidence});
    literals.emplace_back(std::string(base));
  }
  for (const auto& phrase : lexicon.exceptions) {
    compiled->terms.push_back(LexTerm{"exception", static_cast<std::uint32_t>(phrase.size()), false, false, 1.0f, true});
    literals.push_back(phrase);
  }
  auto broken = [](const Error& e) {
    std::fprintf(stderr, "smpolicy: the lexicon does not compile: %s\n", e.message.c_str());
    std::abort();
  };
  std::vector<std::string> patterns;
  for (const auto& p : lexicon.patterns) {
    patterns.push_back(p.pattern);
    compiled->pattern_kinds.push_back(p.kind);
  }
  add_pattern_words(patterns, *compiled, literals);
  compiled->set = StartLiterals(literals);
  if (!patterns.empty()) {
    auto set = PatternSet::compile(patterns);
    if (!set) broken(set.error());
    compiled->patterns = std::move(*set);
  }
  return compiled;
}

// The lexicon's compiled set, built once per lexicon for the life of the process.
std::shared_ptr<const LexiconMatcher> shared_lexicon(const Lexicon& lexicon) {
  static std::mutex mutex;
  static std::map<const Lexicon*, std::shared_ptr<const LexiconMatcher>> cache;
  std::lock_guard lock(mutex);
  auto& slot = cache[&lexicon];
  if (!slot) slot = compile_lexicon(lexicon);
  return slot;
}

}  // namespace

std::shared_ptr<const Matcher> compile_matcher(const Pack& pack, const Roster* roster, const Lexicon& lexicon) {
  auto m = std::make_shared<Matcher>(lexicon);
  m->lexicon = shared_lexicon(lexicon);
  for (const auto& name : pack.school.names) m->names.add_school_name(name);
  if (roster) {
    for (const auto& person : roster->people) m->names.add_person(person, lexicon);
  }
  m->school_domains = pack.school.email_domains;
  for (const auto& phone : pack.school.phones) {
    if (auto national = national_phone(phone); !national.empty()) m->school_phones.push_back(national);
  }
  m->shorteners = lexicon.shorteners;
  return m;
}

}  // namespace smpolicy
