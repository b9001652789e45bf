#include "detect/names.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace smpolicy {
namespace {

bool word_byte(char c) {
  auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u >= 0x80;  // the plain view is lower case
}

}  // namespace

namespace names_detail {

struct Token {
  std::size_t begin, end;  // in the plain view, possessive excluded
  std::string_view word;
  bool possessive = false, hashtag = false;
};

// Words of the plain view: letters and digits, joined by inner hyphens and apostrophes
// ("anne-marie", "o'neill"); a trailing "'s" marks a possessive and is left off.
}  // namespace names_detail

namespace {

using names_detail::Token;

// Fills `out`, which each thread reuses from post to post.
void tokens_of(std::string_view s, std::vector<Token>& out) {
  out.clear();
  std::size_t i = 0;
  while (i < s.size()) {
    if (!word_byte(s[i])) { ++i; continue; }
    std::size_t j = i;
    while (j < s.size() && (word_byte(s[j]) || ((s[j] == '-' || s[j] == '\'') && j + 1 < s.size() && word_byte(s[j + 1])))) ++j;
    Token t{i, j, s.substr(i, j - i)};
    t.hashtag = i > 0 && (s[i - 1] == '#' || s[i - 1] == '@');
    if (t.word.size() > 2 && t.word.ends_with("'s")) {
      t.word.remove_suffix(2);
      t.end -= 2;
      t.possessive = true;
    } else if (j < s.size() && s[j] == '\'') {
      t.possessive = true;  // "James'"
    }
    out.push_back(t);
    i = j;
  }
}

constexpr std::array<std::string_view, 8> k_titles = {"mr", "mrs", "miss", "ms", "mx", "dr", "sir", "madam"};
// Words that put a bare given name in a school context: a pupil, a class, an award.
constexpr std::array<std::string_view, 32> k_cues = {
    "year", "yr", "class", "pupil", "pupils", "student", "well", "done", "congratulations", "congrats",
    "proud", "superstar", "award", "certificate", "reception", "nursery", "captain", "form", "assembly",
    "homework", "sats", "nativity", "ta", "teacher", "classroom", "playground", "school", "maths", "phonics",
    "spellings", "term", "handwriting"};
// Nouns that make "Hillside" part of another name: "Hillside Road", "Hillside Care Centre".
constexpr std::array<std::string_view, 24> k_place_nouns = {
    "road", "street", "lane", "avenue", "drive", "close", "way", "court", "park", "estate", "farm", "house",
    "hotel", "church", "care", "centre", "center", "surgery", "medical", "health", "hospital", "station",
    "garage", "nursing"};
constexpr std::array<std::string_view, 8> k_parent_words = {"mum", "mummy", "mom", "dad", "daddy", "mother", "father", "parents"};

template <std::size_t N>
bool among(std::string_view w, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

bool is_cue(std::string_view w) {
  static const std::unordered_set<std::string_view> k_set(k_cues.begin(), k_cues.end());
  return k_set.contains(w);
}

}  // namespace

namespace names_detail {

struct Context {
  const NormalisedText& plain;
  std::string_view original;
  const std::vector<Token>& tokens;
  std::vector<signed char>& cues;  // per token: -1 not yet looked up, else whether it is a cue word

  bool cue(std::size_t k) const {
    if (cues[k] < 0) cues[k] = is_cue(tokens[k].word) ? 1 : 0;
    return cues[k] == 1;
  }

  char original_first(const Token& t) const { return original[plain.begin_of(t.begin)]; }
  bool capitalised(const Token& t) const { return std::isupper(static_cast<unsigned char>(original_first(t))); }

  // True when the token opens a sentence: nothing but spaces since the text began or
  // since . ! ? or a line break (read in the original, where line breaks survive).
  bool sentence_start(const Token& t) const {
    for (std::size_t k = plain.begin_of(t.begin); k > 0; --k) {
      char c = original[k - 1];
      if (c == ' ' || c == '\t' || c == '"' || c == '(') continue;
      return c == '.' || c == '!' || c == '?' || c == '\n' || c == '\r';
    }
    return true;
  }

  bool cue_near(std::size_t i) const {
    std::size_t from = i >= 5 ? i - 5 : 0, to = std::min(tokens.size(), i + 6);
    for (std::size_t k = from; k < to; ++k) {
      if (k != i && cue(k)) return true;
      // "star of the week", not "star sign"
      if (k != i && tokens[k].word == "star" && k + 1 < tokens.size() && tokens[k + 1].word == "of") return true;
    }
    return false;
  }

  bool adjacent(std::size_t a, std::size_t b) const { return tokens[b].begin == tokens[a].end + 1; }

  // "Amazing Grace", "Noah's Ark": the name is part of a longer proper noun.
  bool inside_proper_noun(std::size_t i) const {
    if (i > 0 && adjacent(i - 1, i) && capitalised(tokens[i - 1]) && !sentence_start(tokens[i - 1]) &&
        !cue(i - 1) && !among(tokens[i - 1].word, k_titles)) {
      return true;
    }
    return tokens[i].possessive && i + 1 < tokens.size() && capitalised(tokens[i + 1]) && !acronym(tokens[i + 1]);
  }

  bool acronym(const Token& t) const {
    auto b = plain.begin_of(t.begin);
    for (std::size_t k = b; k < b + t.word.size() && k < original.size(); ++k) {
      if (std::islower(static_cast<unsigned char>(original[k]))) return false;
    }
    return t.word.size() > 1;
  }

  // "Hillside Road": a capitalised place noun right after the school's name.
  bool place_follows(std::size_t end) const {
    for (std::size_t k = 0; k < tokens.size(); ++k) {
      if (tokens[k].begin == end + 1) return capitalised(tokens[k]) && among(tokens[k].word, k_place_nouns);
    }
    return false;
  }
};

// What the words around a bare given name say, worked out once per word.
struct GivenContext {
  bool caps = false, start = false, cue = false, possessive = false, proper_noun = false;
  std::string_view next_capitalised;  // a capitalised word right after: someone's surname?
};

GivenContext given_context(const Context& c, std::size_t i) {
  const Token& t = c.tokens[i];
  GivenContext g;
  g.caps = c.capitalised(t);
  g.start = c.sentence_start(t);
  g.cue = c.cue_near(i);
  g.possessive = t.possessive;
  g.proper_noun = c.inside_proper_noun(i);
  if (i + 1 < c.tokens.size() && c.adjacent(i, i + 1) && !t.possessive && c.capitalised(c.tokens[i + 1]) &&
      !c.cue(i + 1)) {
    g.next_capitalised = c.tokens[i + 1].word;
  }
  return g;
}

// How sure a bare given name refers to the roster person, from its context; 0 for "not".
float given_name_confidence(const GivenContext& g, const NameIndex::Owner& owner) {
  if ((!g.next_capitalised.empty() && g.next_capitalised != owner.family) || g.proper_noun) return 0;
  if (g.cue) return owner.ordinary_given ? (g.caps ? 0.75f : 0) : (g.caps ? 0.85f : 0.6f);
  if (owner.ordinary_given) return 0;
  if (g.caps && g.possessive) return 0.65f;
  if (g.caps && !g.start) return 0.45f;  // an unusual name alone, but nothing says it is the pupil
  return 0;
}

}  // namespace names_detail

using names_detail::Context;
using names_detail::given_context;
using names_detail::GivenContext;
using names_detail::given_name_confidence;

std::string name_key(std::string_view name) { return normalise(name).text; }

namespace {

// FNV-1a: cheap enough to run on every word of a post before the real lookup.
std::uint64_t quick_hash(std::string_view word) {
  std::uint64_t h = 14695981039346656037ull;
  for (char c : word) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

}  // namespace

void NameIndex::mark_key(std::string_view word) {
  std::uint64_t bit = quick_hash(word) & (m_key_bits.size() * 64 - 1);  // the size is a power of two
  m_key_bits[bit / 64] |= std::uint64_t{1} << (bit % 64);
}

bool NameIndex::may_be_key(std::string_view word) const {
  std::uint64_t bit = quick_hash(word) & (m_key_bits.size() * 64 - 1);  // the size is a power of two
  return (m_key_bits[bit / 64] >> (bit % 64)) & 1;
}

std::uint32_t NameIndex::owner(std::string kind, std::string id, std::string family, bool ordinary) {
  m_owners.push_back(Owner{std::move(kind), std::move(id), std::move(family), ordinary});
  return static_cast<std::uint32_t>(m_owners.size() - 1);
}

void NameIndex::add(std::string key, Entry entry) {
  if (key.empty()) return;
  auto space = key.find(' ');
  if (space == std::string::npos) {
    mark_key(key);
    m_words[key].entries.push_back(entry);
    return;
  }
  mark_key(std::string_view(key).substr(0, space));
  Slot& first = m_words[key.substr(0, space)];
  first.longest = std::max<std::size_t>(first.longest, 1 + static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ')));
  m_phrases[std::move(key)].push_back(entry);
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
  for (const auto& given : givens) {
    if (given.empty() || given.find(' ') != std::string::npos) continue;
    bool nick_ordinary = m_ordinary && m_ordinary->contains(given);
    std::uint32_t as = nick_ordinary == ordinary ? who : owner(kind, person.id, family, nick_ordinary);
    if (!family.empty()) {
      add(given + " " + family, Entry{as, Form::full});
      add(given + " " + family.substr(0, 1), Entry{as, Form::initial});
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

std::vector<NameHit> NameIndex::scan(const NormalisedText& plain, std::string_view original) const {
  std::vector<NameHit> hits;
  thread_local std::vector<names_detail::Token> tokens;
  thread_local std::vector<signed char> cues;
  tokens_of(plain.text, tokens);
  cues.assign(tokens.size(), -1);
  Context c{plain, original, tokens, cues};
  const std::string_view s = plain.text;
  std::size_t skip_to = 0;  // tokens inside a name already found
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i < skip_to) continue;
    if (!may_be_key(tokens[i].word)) continue;
    auto slot = m_words.find(tokens[i].word);
    if (slot == m_words.end()) continue;
    // Longest first: "oliver bennett" before "oliver"; words must be one space apart.
    std::size_t last = i;
    while (last + 1 < tokens.size() && last + 1 < i + slot->second.longest && c.adjacent(last, last + 1) &&
           !tokens[last].possessive) {
      ++last;
    }
    bool found = false;
    for (std::size_t k = last; k > i && !found; --k) {
      auto phrase = m_phrases.find(s.substr(tokens[i].begin, tokens[k].end - tokens[i].begin));
      if (phrase != m_phrases.end() && match(phrase->second, c, i, k, hits)) {
        skip_to = k + 1;
        found = true;
      }
    }
    if (!found && !slot->second.entries.empty() && match(slot->second.entries, c, i, i, hits)) skip_to = i + 1;
  }
  return hits;
}

bool NameIndex::match(const std::vector<Entry>& entries, const Context& c, std::size_t i, std::size_t k,
                      std::vector<NameHit>& hits) const {
  const Token& first = c.tokens[i];
  const Token& end_token = c.tokens[k];
  const std::string_view s = c.plain.text;
  bool found = false;
  for (const Entry& e : entries) {
    const Owner& o = m_owners[e.owner];
    auto hit = [&](std::size_t begin, std::size_t end, float confidence) {
      hits.push_back(NameHit{&o.kind, begin, end, confidence, &o.id});
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
        if (end_token.end == s.size() || s[end_token.end] == '.') hit(first.begin, end_token.end, 0.85f);
        break;
      case Form::hashtag:
        if (first.hashtag) hit(first.begin, end_token.end, 0.95f);
        break;
      case Form::family:
        if (i > 0 && among(c.tokens[i - 1].word, k_titles)) hit(c.tokens[i - 1].begin, end_token.end, 0.85f);
        break;
      case Form::given:
        break;
    }
    if (found) return true;
  }
  if (i != k) return false;
  // A given name alone, decided by its context, which is worked out once for the word.
  GivenContext g = given_context(c, i);
  for (const Entry& e : entries) {
    if (e.form != Form::given) continue;
    const Owner& o = m_owners[e.owner];
    if (float confidence = given_name_confidence(g, o); confidence >= 0.5f) {
      hits.push_back(NameHit{&o.kind, first.begin, first.end, confidence, &o.id});
      return true;
    }
  }
  return false;
}

// "Ollie Bennett's mum" names the pupil's parent as well.
void NameIndex::parent_of(const Owner& pupil, const Context& c, std::size_t k, std::vector<NameHit>& hits) const {
  const Token& t = c.tokens[k];
  if (pupil.kind != "person.pupil" || !t.possessive || k + 1 >= c.tokens.size()) return;
  auto parent = m_parents_by_family.find(pupil.family);
  if (parent == m_parents_by_family.end() || !among(c.tokens[k + 1].word, k_parent_words)) return;
  static const std::string k_parent = "person.parent";
  hits.push_back(NameHit{&k_parent, c.tokens[k].begin, c.tokens[k + 1].end, 0.8f, &parent->second});
}

}  // namespace smpolicy
