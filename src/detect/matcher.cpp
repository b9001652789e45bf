#include <cctype>

#include "detect/matcher.hpp"

namespace smpolicy {
namespace {

std::vector<std::string> words_of(std::string_view phrase) {
  std::vector<std::string> words;
  std::string word;
  for (char c : phrase) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '\'' || c == '*' || static_cast<unsigned char>(c) >= 0x80) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

Term make_term(std::string_view phrase, std::string kind, std::string detail, float confidence) {
  Term t;
  t.words = words_of(phrase);
  if (!t.words.empty() && t.words.back().ends_with('*')) {
    t.words.back().pop_back();
    t.prefix = true;
  }
  t.kind = std::move(kind);
  t.detail = std::move(detail);
  t.confidence = confidence;
  return t;
}

void add_people(Matcher& m, const Roster& roster) {
  for (const auto& p : roster.people) {
    std::string kind = "person." + std::string(name_of(p.role));
    for (const auto& given : {p.given_name, p.preferred_name}) {
      if (given.empty()) continue;
      m.add(make_term(given + " " + p.family_name, kind, p.id, 0.95f));
      m.add(make_term(given + p.family_name, kind, p.id, 0.9f));  // hashtags: #OliverBennett
    }
  }
}

void add_terms(Matcher& m) {
  const Catalog& catalog = builtin_catalog();
  for (const auto& [kind, phrases] : catalog.terms) {
    for (const auto& phrase : phrases) m.add(make_term(phrase, kind, "", 0.8f));
  }
  m.shorteners = catalog.shorteners;
}

}  // namespace

void Matcher::add(Term term) {
  if (term.words.empty()) return;
  std::size_t index = terms.size();
  if (term.prefix && term.words.size() == 1) prefix_first.push_back(index);
  else by_first_word[term.words.front()].push_back(index);
  terms.push_back(std::move(term));
}

std::shared_ptr<const Matcher> compile_matcher(const Pack& pack, const Roster* roster) {
  auto m = std::make_shared<Matcher>();
  add_terms(*m);
  for (const auto& name : pack.school_names) m->add(make_term(name, "school.name", "", 0.95f));
  m->school_domains = pack.email_domains;
  if (roster) add_people(*m, *roster);
  return m;
}

}  // namespace smpolicy
