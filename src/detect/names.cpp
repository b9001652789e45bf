#include "detect/names.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace smpolicy {
namespace {

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
    if (!word_char(s, i)) { ++i; continue; }
    std::size_t j = i;
    while (j < s.size()) {
      if (std::size_t n = word_char(s, j)) j += n;
      else if ((s[j] == '-' || s[j] == '\'') && j + 1 < s.size() && word_char(s, j + 1)) ++j;
      else break;
    }
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

constexpr std::array<std::string_view, 13> k_titles = {"mr",   "mrs",  "miss",       "ms",  "mx",  "dr",  "sir",
                                                       "madam", "cllr", "councillor", "rev", "revd", "prof"};
// Words that put a bare given name in a school context: a pupil, a class, an award.
// Strong cues may vouch for a name that is also an ordinary word ("Grace in Year 4").
constexpr std::array<std::string_view, 42> k_cues = {
    "year", "yr", "class", "pupil", "pupils", "student", "well", "done", "congratulations", "congrats",
    "proud", "superstar", "award", "certificate", "reception", "nursery", "captain", "form", "assembly",
    "homework", "sats", "nativity", "ta", "teacher", "classroom", "playground", "school", "maths", "phonics",
    "spellings", "term", "handwriting", "awarded", "shoutout", "headteacher", "merit", "sticker", "stickers",
    "attendance", "licence", "governor", "governors"};
// Weak cues: praise and classroom words that also turn up in everyday posts, so they vouch
// only for a name that is no ordinary word ("Amelia did brilliant work", not "Sunny day, brilliant").
constexpr std::array<std::string_view, 38> k_weak_cues = {
    "brilliant", "amazing", "fantastic", "superb", "star", "stars", "legend", "shout", "learnt", "learned",
    "reading", "read", "writing", "spelling", "story", "tables", "project", "science", "kids", "children",
    "trip", "sports", "concert", "choir", "lesson", "lessons", "club", "team", "football", "netball", "team's",
    "effort", "chair", "colleague", "colleagues", "deputy", "staff", "office"};
// Words before a name that make it someone else's: a relative, a friend, a pet, a star sign.
constexpr std::array<std::string_view, 40> k_not_pupil_before = {
    "my", "sister", "brother", "son", "daughter", "niece", "nephew", "cousin", "nan", "nana", "gran", "granny",
    "grandad", "grandma", "grandpa", "aunt", "auntie", "uncle", "husband", "wife", "partner", "friend", "mate",
    "dog", "cat", "puppy", "kitten", "hamster", "pony", "horse", "rabbit", "called", "named", "a", "an", "the",
    "is", "prince", "princess", "baby"};
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

// "year4", "yr6", "y6": a year group written as one word, as in a hashtag.
bool year_word(std::string_view w) {
  std::size_t letters = w.starts_with("year") ? 4 : w.starts_with("yr") ? 2 : w.starts_with("y") ? 1 : 0;
  if (letters == 0 || w.size() == letters || w.size() > letters + 2) return false;
  return std::all_of(w.begin() + static_cast<std::ptrdiff_t>(letters), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// 2 for a strong cue, 1 for a weak one, 0 for none.
signed char cue_strength(std::string_view w) {
  static const std::unordered_set<std::string_view> k_strong(k_cues.begin(), k_cues.end());
  static const std::unordered_set<std::string_view> k_weak(k_weak_cues.begin(), k_weak_cues.end());
  if (k_strong.contains(w) || year_word(w)) return 2;
  return k_weak.contains(w) ? 1 : 0;
}

}  // namespace

namespace names_detail {

struct Context {
  const NormalisedText& plain;
  std::string_view original;
  const std::vector<Token>& tokens;
  std::vector<signed char>& cues;  // per token: -1 not yet looked up, else its cue_strength

  signed char cue_level(std::size_t k) const {
    if (cues[k] < 0) cues[k] = cue_strength(tokens[k].word);
    return cues[k];
  }
  bool cue(std::size_t k) const { return cue_level(k) == 2; }

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

  // The strongest cue within six words of token i: 2 strong, 1 weak, 0 none.
  int cue_near(std::size_t i) const {
    std::size_t from = i >= 6 ? i - 6 : 0, to = std::min(tokens.size(), i + 7);
    int best = 0;
    for (std::size_t k = from; k < to && best < 2; ++k) {
      if (k == i) continue;
      best = std::max<int>(best, cue_level(k));
      // "star of the week", not "star sign"
      if (tokens[k].word == "star" && k + 1 < tokens.size() && tokens[k + 1].word == "of") best = 2;
    }
    return best;
  }

  // The token after `a` in a list of names ("Ollie, Grace and Billy", "Ollie & Billy"), or
  // tokens.size() when none follows.
  std::size_t next_in_list(std::size_t a) const {
    auto gap = [&](std::size_t x, std::size_t y) { return std::string_view(plain.text).substr(tokens[x].end, tokens[y].begin - tokens[x].end); };
    auto spaces = [](std::string_view g) { return g.find_first_not_of(' ') == std::string_view::npos; };
    if (a + 1 < tokens.size()) {
      std::string_view g = gap(a, a + 1);
      if (g == ", " || g == "," || g == " & " || g == " / " || g == "/") return a + 1;
    }
    if (a + 2 < tokens.size() && (tokens[a + 1].word == "and" || tokens[a + 1].word == "or")) {
      std::string_view g = gap(a, a + 1);
      if ((spaces(g) || g == ", ") && spaces(gap(a + 1, a + 2))) return a + 2;
    }
    return tokens.size();
  }

  // Where a name is expected, whatever its case: after "well done (to)", "congrats (to)",
  // "proud of", "shout out to", or before "in Year 4", "from Reception".
  bool name_slot(std::size_t i) const {
    auto word = [&](std::size_t k) { return k < tokens.size() ? tokens[k].word : std::string_view(); };
    std::size_t b = i >= 1 && word(i - 1) == "to" ? i - 1 : i;
    std::string_view w1 = b >= 1 ? word(b - 1) : "", w2 = b >= 2 ? word(b - 2) : "";
    bool after = (w2 == "well" && w1 == "done") || w1 == "congrats" || w1 == "congratulations" || w1 == "shoutout" ||
                 (w2 == "shout" && w1 == "out") || (b == i && w2 == "proud" && w1 == "of");
    if (after) return true;
    std::string_view n1 = word(i + 1), n2 = word(i + 2);
    return (n1 == "in" || n1 == "from") && (n2 == "year" || n2 == "yr" || n2 == "class" || n2 == "reception" ||
                                            n2 == "nursery" || year_word(n2));
  }

  // "my sister May", "a cat called Ruby", "star sign is Leo": the name is someone else's.
  bool someone_else(std::size_t i) const {
    return i > 0 && among(tokens[i - 1].word, k_not_pupil_before);
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
  bool caps = false, start = false, possessive = false, proper_noun = false, someone_else = false;
  bool after_capital = false;  // "Amazing Grace": a capitalised word just before, not a title or cue
  bool opens_clause = false;   // "Zofia was ...", "Zofia's ...": a lower-case word or a possessive follows
  bool listed = false;         // "Rose, Holly and Ivy": listed with capitalised words, which explain its capital
  bool slot = false;           // "well done grace", "GRACE IN YEAR 4": where a name is expected
  bool shouted = false;        // written in capitals with its neighbours, which says nothing of names
  int cue = 0;  // the strongest cue near: 2 strong, 1 weak, 0 none
  std::string_view next_capitalised;  // a capitalised word right after: someone's surname?
};

constexpr std::array<std::string_view, 12> k_months = {"january", "february", "march", "april", "may", "june",
                                                        "july", "august", "september", "october", "november", "december"};
constexpr std::array<std::string_view, 14> k_before_a_month = {
    "in", "since", "until", "till", "by", "of", "this", "next", "last", "early", "late", "mid", "from", "during"};

// "in May", "3 May", "since June": a month, not a pupil.
bool a_month(const Context& c, std::size_t i) {
  if (i == 0 || !among(c.tokens[i].word, k_months)) return false;
  std::string_view before = c.tokens[i - 1].word;
  return among(before, k_before_a_month) || std::isdigit(static_cast<unsigned char>(before.back()));
}

GivenContext given_context(const Context& c, std::size_t i) {
  const Token& t = c.tokens[i];
  GivenContext g;
  // A shouted post ("HOPE YOU ALL HAVE A FAB SUMMER") says nothing by its capitals.
  bool shouted = c.acronym(t) && ((i > 0 && c.acronym(c.tokens[i - 1])) || (i + 1 < c.tokens.size() && c.acronym(c.tokens[i + 1])));
  g.caps = c.capitalised(t) && !shouted;
  g.shouted = shouted;
  g.start = c.sentence_start(t);
  g.cue = c.cue_near(i);
  g.possessive = t.possessive;
  g.proper_noun = c.inside_proper_noun(i);
  g.someone_else = c.someone_else(i) || a_month(c, i);
  g.slot = !g.caps && c.name_slot(i);
  g.after_capital = i > 0 && c.adjacent(i - 1, i) && c.capitalised(c.tokens[i - 1]) && !c.cue(i - 1) &&
                    !among(c.tokens[i - 1].word, k_titles);
  std::size_t next = c.next_in_list(i);
  g.listed = (next < c.tokens.size() && c.capitalised(c.tokens[next])) ||
             (i >= 1 && c.next_in_list(i - 1) == i && c.capitalised(c.tokens[i - 1])) ||
             (i >= 2 && c.next_in_list(i - 2) == i && c.capitalised(c.tokens[i - 2]));
  g.opens_clause = t.possessive || (i + 1 < c.tokens.size() && c.adjacent(i, i + 1) && !c.capitalised(c.tokens[i + 1]));
  if (i + 1 < c.tokens.size() && c.adjacent(i, i + 1) && !t.possessive && c.capitalised(c.tokens[i + 1]) &&
      !c.cue(i + 1) && !shouted) {
    g.next_capitalised = c.tokens[i + 1].word;
  }
  return g;
}

// How sure a bare given name refers to the roster person, from its context; 0 for "not".
// A name that is also an ordinary word ("Grace", "Summer") needs a capital and a cue; an
// unusual one ("Zofia") needs only a cue, and a weak one will do.
float given_name_confidence(const GivenContext& g, const NameIndex::Owner& owner) {
  if ((!g.next_capitalised.empty() && g.next_capitalised != owner.family) || g.proper_noun || g.someone_else) return 0;
  if (g.cue == 2) return owner.ordinary_given ? (g.caps ? 0.75f : g.slot ? 0.6f : 0) : (g.caps ? 0.85f : 0.6f);
  // A weak cue, or a capitalised possessive mid-sentence ("about Hope's chess"), is enough
  // only where nothing else explains the capital: not "Amazing Grace", not "Oliver! at the theatre".
  bool plain_name = g.caps && !g.after_capital && (!g.start || g.opens_clause);
  if (owner.ordinary_given) {
    if (!plain_name || g.start || g.listed) return 0;
    return g.cue == 1 ? 0.6f : g.possessive ? 0.55f : 0;
  }
  if (g.cue == 1) return plain_name ? 0.7f : (!g.caps && !g.start && !g.shouted ? 0.55f : 0);
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
    if (tokens[i].word.size() == 1 && i + 1 < tokens.size() && s.substr(tokens[i].end, tokens[i + 1].begin - tokens[i].end) == ". ") {
      // "G. Hill": the full stop keeps the two words apart in the plain view.
      thread_local std::string key;
      key.assign(tokens[i].word).append(" ").append(tokens[i + 1].word);
      auto phrase = m_phrases.find(key);
      if (phrase != m_phrases.end() && match(phrase->second, c, i, i + 1, hits)) {
        skip_to = i + 2;
        continue;
      }
    }
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
        // "Grace H." anywhere; "Grace H won" when both are written as a name.
        if (end_token.end == s.size() || s[end_token.end] == '.') hit(first.begin, end_token.end, 0.85f);
        else if (c.capitalised(first) && c.capitalised(end_token) && !c.acronym(first)) hit(first.begin, end_token.end, 0.8f);
        break;
      case Form::initial_first:
        // "G. Hill", "O Bennett"; a lone "A" or "I" is a word, so those need the full stop.
        if (c.capitalised(first) && c.capitalised(end_token) &&
            (s[first.end] == '.' || (first.word != "a" && first.word != "i"))) {
          hit(first.begin, end_token.end, 0.8f);
        }
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
  for (int pass = 0; pass < 2; ++pass) {
    for (const Entry& e : entries) {
      if (e.form != Form::given) continue;
      const Owner& o = m_owners[e.owner];
      if (float confidence = given_name_confidence(g, o); confidence >= 0.5f) {
        hits.push_back(NameHit{&o.kind, first.begin, first.end, confidence, &o.id});
        return true;
      }
    }
    // A list of roster names, one of them unusual ("Ollie, Grace and Billy"), is a list of
    // children: each member takes the strongest cue near any of them, and at least a weak one.
    if (pass == 0 && !in_name_list(c, i, g.cue)) break;
    g.opens_clause = true;  // in a list, a name opening the sentence is no less a name
    g.listed = false;
  }
  return false;
}

bool NameIndex::given_key(std::string_view word, bool& unusual) const {
  if (!may_be_key(word)) return false;
  auto slot = m_words.find(word);
  if (slot == m_words.end()) return false;
  bool given = false;
  for (const Entry& e : slot->second.entries) {
    if (e.form != Form::given) continue;
    given = true;
    unusual = unusual || !m_owners[e.owner].ordinary_given;
  }
  return given;
}

bool NameIndex::in_name_list(const Context& c, std::size_t i, int& cue) const {
  // Most names stand in no list; say so before any lookup.
  bool linked = c.next_in_list(i) < c.tokens.size() || (i >= 1 && c.next_in_list(i - 1) == i) ||
                (i >= 2 && c.next_in_list(i - 2) == i);
  if (!linked) return false;
  // Walk back to the list's first member, then forward through it.
  std::size_t from = i;
  for (std::size_t k = i; k > 0;) {
    std::size_t back = k >= 2 && c.next_in_list(k - 2) == k ? k - 2 : c.next_in_list(k - 1) == k ? k - 1 : k;
    bool unused = false;
    if (back == k || !given_key(c.tokens[back].word, unused)) break;
    from = k = back;
  }
  std::size_t members = 0;
  bool unusual = false;
  int best = 1;
  for (std::size_t k = from; k < c.tokens.size(); k = c.next_in_list(k)) {
    if (!given_key(c.tokens[k].word, unusual) || !c.capitalised(c.tokens[k])) break;
    ++members;
    best = std::max(best, c.cue_near(k));
  }
  if (members < 2 || !unusual) return false;
  cue = std::max(cue, best);
  return true;
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
