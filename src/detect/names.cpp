#include "detect/names.hpp"

#include <algorithm>
#include <cassert>

#include "detect/name_context.hpp"

namespace smpolicy {

using names_detail::Context;
using names_detail::Token;
using names_detail::tokens_of;
using names_detail::Words;


std::string name_key(std::string_view name) { return normalise(name).text; }

NameIndex::Slot& NameIndex::word_slot(std::string_view word) {
  const std::uint64_t hash = word_hash(word);
  bool added = false;
  std::uint32_t n = m_words.insert(word, hash, added);
  if (added) {
    m_slots.emplace_back();
    m_filter.add(hash, m_words);
  }
  return m_slots[n];
}

std::uint32_t NameIndex::owner(std::string kind, std::string id, std::string family, bool ordinary) {
  const bool pupil = kind == "person.pupil";
  m_owners.push_back(Owner{std::move(kind), std::move(id), std::move(family), ordinary, pupil});
  return static_cast<std::uint32_t>(m_owners.size() - 1);
}

void NameIndex::add(std::string key, Entry entry) {
  if (key.empty()) return;
  entry.ordinary_given = m_owners[entry.owner].ordinary_given;
  auto space = key.find(' ');
  if (space == std::string::npos) {
    word_slot(key).entries.add(entry);
    m_letter_keys = m_letter_keys || key.size() == 1;
    return;
  }
  Slot& first = word_slot(std::string_view(key).substr(0, space));
  const auto words = static_cast<std::uint32_t>(1 + std::count(key.begin(), key.end(), ' '));
  first.longest = std::max(first.longest, words);
  std::uint64_t hash = word_hash(std::string_view(key).substr(0, space));
  for (std::size_t from = space + 1;; from = space + 1) {
    space = std::min(key.find(' ', from), key.size());
    const std::string_view word = std::string_view(key).substr(from, space - from);
    const std::uint64_t word_hashed = word_hash(word);
    bool added = false;
    m_later_words.insert(word, word_hashed, added);
    if (added) m_later_filter.add(word_hashed, m_later_words);
    hash = names_detail::phrase_hash_step(hash, word_hashed);
    if (space == key.size()) break;
  }
  bool added = false;
  std::uint32_t n = m_phrases.insert(key, hash, added);
  if (added) m_phrase_entries.emplace_back();
  m_phrase_entries[n].add(entry);
}

void NameIndex::add_person(const Person& person, const Lexicon& lexicon) {
  std::string family = name_key(person.family_name);
  std::vector<std::string> givens = {name_key(person.given_name)};
  if (!person.preferred_name.empty()) givens.push_back(name_key(person.preferred_name));
  if (auto it = lexicon.nicknames.find(givens.front()); it != lexicon.nicknames.end()) {
    givens.insert(givens.end(), it->second.begin(), it->second.end());
  }
  std::string kind = "person." + std::string(name_of(person.role));
  bool ordinary = m_ordinary && m_ordinary->contains(givens.front());
  std::uint32_t who = owner(kind, person.id, family, ordinary);
  // "Anne-Marie" is also written "Anne Marie" and "Annemarie", "O'Neill" "O Neill" and "ONeill".
  auto spellings = [](const std::string& name) {
    std::vector<std::string> all = {name};
    if (name.find_first_of("-'") == std::string::npos) return all;
    std::string spaced = name, joined;
    std::replace_if(spaced.begin(), spaced.end(), [](char ch) { return ch == '-' || ch == '\''; }, ' ');
    std::copy_if(name.begin(), name.end(), std::back_inserter(joined), [](char ch) { return ch != '-' && ch != '\''; });
    all.push_back(spaced);
    all.push_back(joined);
    return all;
  };
  for (std::size_t g = 0, n = givens.size(); g < n; ++g) {
    auto variants = spellings(givens[g]);
    givens.insert(givens.end(), variants.begin() + 1, variants.end());
  }
  auto families = spellings(family);
  for (const auto& given : givens) {
    if (given.empty()) continue;
    if (given.find(' ') != std::string::npos) {
      for (const auto& f : families) if (!f.empty()) add(given + " " + f, Entry{who, Form::full});
      continue;
    }
    for (std::size_t f = 1; f < families.size(); ++f) add(given + " " + families[f], Entry{who, Form::full});
    bool nick_ordinary = m_ordinary && m_ordinary->contains(given);
    std::uint32_t as = nick_ordinary == ordinary ? who : owner(kind, person.id, family, nick_ordinary);
    if (!family.empty()) {
      add(given + " " + family, Entry{as, Form::full});
      add(given + " " + family.substr(0, 1), Entry{as, Form::initial});
      add(given.substr(0, 1) + " " + family, Entry{as, Form::initial_first});
    }
    add(given, Entry{as, Form::given});
    std::string joined = given + family;
    joined.erase(std::remove(joined.begin(), joined.end(), ' '), joined.end());
    add(joined, Entry{as, Form::hashtag});
  }
  if (person.role == Role::parent) m_parents_by_family.try_emplace(family, person.id);
  if (person.role == Role::pupil) return;  // "Mrs Bennett" is a parent or staff, not a pupil
  add(family, Entry{who, Form::family});
}

void NameIndex::add_school_name(std::string_view name) {
  add(name_key(name), Entry{owner("school.name", "", "", false), Form::school});
}

std::span<const NameHit> NameIndex::scan(const NormalisedText& plain, std::string_view original) const {
  thread_local std::vector<NameHit> hits;
  thread_local names_detail::WordBuffers buffers;
  thread_local std::vector<names_detail::WordLists> lists;
  hits.clear();
  // Most words are passed over by the filter as they are read; only those it lets through
  // are looked at here.
  const Words read = tokens_of(plain.text, m_filter, buffers);
  if (read.keyed.empty()) return {};
  const std::span<const Token> tokens = read.tokens;
  // Grown, never shrunk, and marked by a fill in line: assign, which may also shrink
  // the list, costs more than the marks. Only a word of the table is matched, which reads
  // the lists, and in some posts the filter lets through none: the marks wait for the first.
  if (lists.size() < tokens.size()) lists.resize(tokens.size());
  bool marked = false;
  Context c{plain, original, tokens, lists};
  const std::string_view s = plain.text;
  std::size_t skip_to = 0;  // tokens inside a name already found
  const Token* words = tokens.data();
  const std::size_t count = tokens.size();
  // A roster's table of words is large, and each find most often waits on memory.
  for (const Token* kept : read.keyed) m_words.prefetch(kept->hash);
  for (const Token* kept : read.keyed) {
    const auto i = static_cast<std::size_t>(kept - words);
    if (i < skip_to) continue;
    const Token& t = words[i];
    // A lone letter ("a", "I") is most often no name, but the start of a key of an initial
    // and a family name ("G Hill", "G. Hill"), whose second word the filter of later words
    // lets through; one alone is a key only where some name is one letter. Most such words
    // are passed over here, before the table of keys is read.
    if (t.size() == 1 && !m_letter_keys && (i + 1 == count || !m_later_filter.may_hold(words[i + 1].hash))) {
      continue;
    }
    const std::uint32_t number = m_words.find_word(c.word(t), t.hash);  // the filter has let it through
    if (number == 0) continue;
    if (!marked) std::fill_n(lists.data(), tokens.size(), Context::k_unread);
    marked = true;
    const Slot* slot = &m_slots[number - 1];
    // Longest first: "oliver bennett" before "oliver"; words must be one space apart, and
    // the second must be one that follows the first in some key, which most are not
    // ("Grace is", "Will you"): the filter says so before the table of keys is read.
    std::size_t last = i;
    while (last + 1 < count && last + 1 < i + slot->longest && c.adjacent(last, last + 1) &&
           !words[last].possessive(plain.text) && m_later_filter.may_hold(words[last + 1].hash)) {
      ++last;
    }
    bool found = false;
    if (t.size() == 1 && i + 1 < count && words[i + 1].begin == t.end + 2 && s[t.end] == '.' &&
        s[t.end + 1] == ' ') {
      // "G. Hill": the full stop keeps the two words apart in the plain view.
      thread_local std::string key;
      key.assign(c.word(t)).append(" ").append(c.word(i + 1));
      auto phrase = find_phrase(key, names_detail::phrase_hash_step(t.hash, words[i + 1].hash));
      if (phrase && match(*phrase, c, i, i + 1, hits)) {
        skip_to = i + 2;
        continue;
      }
    }
    for (std::size_t k = last; k > i && !found; --k) {
      std::uint64_t hash = t.hash;
      for (std::size_t w = i + 1; w <= k; ++w) hash = names_detail::phrase_hash_step(hash, words[w].hash);
      auto phrase = find_phrase(s.substr(t.begin, words[k].end - t.begin), hash);
      if (phrase && match(*phrase, c, i, k, hits)) {
        skip_to = k + 1;
        found = true;
      }
    }
    if (!found && !slot->entries.empty() && match(slot->entries, c, i, i, hits)) skip_to = i + 1;
  }
  return hits;
}

bool NameIndex::match(const Entries& entries, const Context& c, std::size_t i, std::size_t k,
                      std::vector<NameHit>& hits) const {
  const Token& first = c.tokens[i];
  const Token& end_token = c.tokens[k];
  const std::string_view s = c.plain.text;
  bool found = false;
  // Given names are decided by their context (match_given): the other forms are tried first.
  for (const Entry& e : entries.others()) {
    const Owner& o = m_owners[e.owner];
    auto hit = [&](std::size_t begin, std::size_t end, float confidence) {
      hits.push_back(hit_of(o, begin, end, confidence));
      found = true;
    };
    switch (e.form) {
      case Form::school:
        // "Hillside Primary Care Centre" is another place; a one-word alias ("Hillside")
        // is an ordinary word unless written as a name.
        if (c.place_follows(end_token.end)) return true;
        if (i == k && !c.capitalised(first)) break;
        hit(first.begin, end_token.end, 0.95f);
        return true;
      case Form::full:
        hit(first.begin, end_token.end, 0.97f);
        parent_of(o, c, k, hits);
        return true;
      case Form::initial:
        // "Grace H." anywhere; "Grace H won" when both are written as a name.
        if (end_token.end == s.size() || s[end_token.end] == '.') hit(first.begin, end_token.end, 0.85f);
        else if (c.capitalised(first) && c.capitalised(end_token) && !c.acronym(first)) hit(first.begin, end_token.end, 0.8f);
        break;
      case Form::initial_first:
        // "G. Hill", "O Bennett"; a lone "A" or "I" is a word, so those need the full stop.
        if (c.capitalised(first) && c.capitalised(end_token) &&
            (s[first.end] == '.' || (c.word(first) != "a" && c.word(first) != "i"))) {
          hit(first.begin, end_token.end, 0.8f);
        }
        break;
      case Form::hashtag:
        if (c.hashtag(first)) hit(first.begin, end_token.end, 0.95f);
        break;
      case Form::family:
        if (i > 0 && c.on(i - 1, names_detail::k_title)) hit(c.tokens[i - 1].begin, end_token.end, 0.85f);
        break;
      case Form::given:
        break;
    }
    if (found) return true;
  }
  if (i != k || entries.givens().empty()) return false;
  return match_given(entries, c, i, hits);
}

// "Ollie Bennett's mum" names the pupil's parent as well.
void NameIndex::parent_of(const Owner& pupil, const Context& c, std::size_t k, std::vector<NameHit>& hits) const {
  const Token& t = c.tokens[k];
  // The token is asked first: it is in cache, and most names are no possessive, while the
  // owner, one of thousands, most often is not.
  if (!c.possessive(t) || k + 1 >= c.tokens.size() || !pupil.pupil) return;
  auto parent = m_parents_by_family.find(pupil.family);
  if (parent == m_parents_by_family.end() || !c.on(k + 1, names_detail::k_parent)) return;
  static const std::string k_parent = "person.parent";
  hits.push_back(NameHit{&k_parent, c.tokens[k].begin, c.tokens[k + 1].end, 0.8f, &parent->second});
}

}  // namespace smpolicy
