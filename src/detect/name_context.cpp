// The name detector's reading of the words around a name: the cues, capitals, lists and
// relatives.
#include "detect/name_context.hpp"

#include <algorithm>

namespace smpolicy::names_detail {
bool Context::sentence_start(const Token& t) const {
  for (std::size_t k = plain.begin_of(t.begin); k > 0; --k) {
    char c = original[k - 1];
    if (c == ' ' || c == '\t' || c == '"' || c == '(') continue;
    return c == '.' || c == '!' || c == '?' || c == '\n' || c == '\r';
  }
  return true;
}

bool Context::cue_in_post() const {
  if (post_cue >= 0) return post_cue == 1;
  bool found = false;
  for (std::size_t k = 0; k < tokens.size() && !found; ++k) found = cue_level(k) > 0;
  post_cue = found ? 1 : 0;
  return found;
}

int Context::cue_near(std::size_t i) const {
  constexpr std::uint64_t k_star = word_hash("star");  // most words are told apart by the hash alone
  // The lists of the words around, gathered, until a strong cue ends the search: the six
  // after the name ("Zofia in Year 4"), then the six before it, so no step asks whether it
  // is at the name. In the posts measured, the words after end the search sooner.
  WordLists seen = 0;
  auto strong = [&](std::size_t k) {
    const WordLists here = lists(k);
    seen |= here;
    // "star of the week", not "star sign"; "star" is a weak cue, which most words are not.
    return (here & k_strong_cue) != 0 || ((here & k_weak_cue) != 0 && tokens[k].hash == k_star &&
                                          word(k) == "star" && k + 1 < tokens.size() && word(k + 1) == "of");
  };
  for (std::size_t k = i + 1, to = std::min(tokens.size(), i + 7); k < to; ++k) {
    if (strong(k)) return 2;
  }
  for (std::size_t k = i >= 6 ? i - 6 : 0; k < i; ++k) {
    if (strong(k)) return 2;
  }
  return cue_level_of(seen);
}

std::size_t Context::next_in_list(std::size_t a) const {
  // A view of the text itself: `plain.text.substr` would make a string, gone before it is read.
  auto gap = [&](std::size_t x, std::size_t y) {
    return std::string_view(plain.text).substr(tokens[x].end, tokens[y].begin - tokens[x].end);
  };
  auto spaces = [](std::string_view g) { return g.find_first_not_of(' ') == std::string_view::npos; };
  if (a + 1 < tokens.size()) {
    std::string_view g = gap(a, a + 1);
    if (g == ", " || g == "," || g == " & " || g == " / " || g == "/") return a + 1;
  }
  if (a + 2 < tokens.size() && (word(a + 1) == "and" || word(a + 1) == "or")) {
    std::string_view g = gap(a, a + 1);
    if ((spaces(g) || g == ", ") && spaces(gap(a + 1, a + 2))) return a + 2;
  }
  return tokens.size();
}

bool Context::name_slot(std::size_t i) const {
  auto word = [&](std::size_t k) { return k < tokens.size() ? this->word(k) : std::string_view(); };
  std::size_t b = i >= 1 && word(i - 1) == "to" ? i - 1 : i;
  std::string_view w1 = b >= 1 ? word(b - 1) : "", w2 = b >= 2 ? word(b - 2) : "";
  bool after = (w2 == "well" && w1 == "done") || w1 == "congrats" || w1 == "congratulations" || w1 == "shoutout" ||
               (w2 == "shout" && w1 == "out") || (b == i && w2 == "proud" && w1 == "of") ||
               (b < i && (w1 == "thanks" || (w2 == "thank" && w1 == "you")));
  if (after) return true;
  std::string_view n1 = word(i + 1), n2 = word(i + 2);
  return (n1 == "in" || n1 == "from") && (n2 == "year" || n2 == "yr" || n2 == "class" || n2 == "reception" ||
                                          n2 == "nursery" || year_word(n2));
}

bool Context::someone_else(std::size_t i) const {
  return i > 0 && on(i - 1, k_someone_else);
}

bool Context::inside_proper_noun(std::size_t i) const {
  if (i > 0 && adjacent(i - 1, i) && capitalised(tokens[i - 1]) && !sentence_start(tokens[i - 1]) &&
      !cue(i - 1) && !on(i - 1, k_title)) {
    return true;
  }
  return possessive(tokens[i]) && i + 1 < tokens.size() && capitalised(tokens[i + 1]) && !acronym(tokens[i + 1]);
}

bool Context::acronym(const Token& t) const {
  auto b = plain.begin_of(t.begin);
  for (std::size_t k = b; k < b + t.size() && k < original.size(); ++k) {
    if (original[k] >= 'a' && original[k] <= 'z') return false;  // std::islower in the "C" locale
  }
  return t.size() > 1;
}

bool Context::place_follows(std::size_t end) const {
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    if (tokens[k].begin == end + 1) return capitalised(tokens[k]) && on(k, k_place_noun);
  }
  return false;
}

// "in May", "3 May", "since June": a month, not a pupil.
bool a_month(const Context& c, std::size_t i) {
  if (i == 0 || !c.on(i, k_month)) return false;
  return c.on(i - 1, k_before_a_month) || std::isdigit(static_cast<unsigned char>(c.word(i - 1).back()));
}

// The strongest cue within six words of token i, leaving out the word right after it.
int cue_near_apart(const Context& c, std::size_t i) {
  std::size_t from = i >= 6 ? i - 6 : 0, to = std::min(c.tokens.size(), i + 7);
  WordLists seen = 0;
  for (std::size_t k = from; k < to && (seen & k_strong_cue) == 0; ++k) {
    if (k != i && k != i + 1) seen |= c.lists(k);
  }
  return cue_level_of(seen);
}

// What only a name that is also an ordinary word is judged by: a cue right after it, a
// verb's object after it, a list it stands in. Most names of a roster are no ordinary
// word, and a list is the dearest of the three to read.
void read_ordinary_context(const Context& c, std::size_t i, GivenContext& g) {
  // "Summer term", "Holly class": a cue right after the word is what the word names.
  bool cue_next = i + 1 < c.tokens.size() && c.adjacent(i, i + 1) && c.cue_level(i + 1) > 0;
  if (cue_next) g.cue_apart = cue_near_apart(c, i);
  g.word_opening = g.start && i + 1 < c.tokens.size() && c.adjacent(i, i + 1) && !g.possessive &&
                   c.on(i + 1, k_after_a_verb);
  std::size_t next = c.next_in_list(i);
  g.listed = (next < c.tokens.size() && c.capitalised(c.tokens[next])) ||
             (i >= 1 && c.next_in_list(i - 1) == i && c.capitalised(c.tokens[i - 1])) ||
             (i >= 2 && c.next_in_list(i - 2) == i && c.capitalised(c.tokens[i - 2]));
}

GivenContext given_context(const Context& c, std::size_t i, OrdinaryNames ordinary) {
  const Token& t = c.tokens[i];
  GivenContext g;
  // A shouted post ("HOPE YOU ALL HAVE A FAB SUMMER") says nothing by its capitals.
  bool shouted = c.acronym(t) && ((i > 0 && c.acronym(c.tokens[i - 1])) || (i + 1 < c.tokens.size() && c.acronym(c.tokens[i + 1])));
  g.caps = c.capitalised(t) && !shouted;
  g.shouted = shouted;
  g.cue = c.cue_near(i);
  g.cue_apart = g.cue;
  g.possessive = c.possessive(t);
  g.proper_noun = c.inside_proper_noun(i);
  g.someone_else = c.someone_else(i) || a_month(c, i);
  if (i + 1 < c.tokens.size() && c.adjacent(i, i + 1) && !g.possessive && c.capitalised(c.tokens[i + 1]) &&
      !c.cue(i + 1) && !shouted) {
    g.next_capitalised = c.word(i + 1);
  }
  // Most names stand near a strong cue, and an unusual one there is decided by the cue, its
  // capital and what rules a name out, all read above.
  if (g.cue == 2 && ordinary == OrdinaryNames::none) return g;
  g.start = c.sentence_start(t);
  g.slot = !g.caps && c.name_slot(i);
  // A cue anywhere in the post counts for no more than a cue near or a slot, so the post,
  // which is read to its end when it holds none, is read only where neither is.
  g.cue_in_post = g.cue == 0 && !g.slot && c.cue_in_post();
  g.after_capital = i > 0 && c.adjacent(i - 1, i) && c.capitalised(c.tokens[i - 1]) && !c.cue(i - 1) &&
                    !c.on(i - 1, k_title);
  g.after_opening = g.after_capital && c.sentence_start(c.tokens[i - 1]) && !c.acronym(c.tokens[i - 1]);
  if (ordinary == OrdinaryNames::some) read_ordinary_context(c, i, g);
  g.opens_clause = g.possessive || (i + 1 < c.tokens.size() && c.adjacent(i, i + 1) && !c.capitalised(c.tokens[i + 1]));
  return g;
}

float given_name_confidence(const GivenContext& g, bool ordinary_given, const std::string& family) {
  if ((!g.next_capitalised.empty() && g.next_capitalised != family) || g.proper_noun || g.someone_else) return 0;
  if (ordinary_given) {
    // "Hope the fair stays dry", "Summer term": the word, whatever the cue.
    if (g.word_opening) return 0;
    int cue = std::min(g.cue, g.cue_apart);
    if (cue == 2) return g.caps ? 0.75f : g.slot ? 0.6f : 0;
    // A weak cue, or a capitalised possessive mid-sentence ("about Hope's chess"), is enough
    // only where nothing else explains the capital: not "Amazing Grace", not "Oliver! at the theatre".
    bool plain_name = g.caps && !g.after_capital && (!g.start || g.opens_clause);
    if (!plain_name || g.start || g.listed) return 0;
    return cue == 1 ? 0.6f : g.possessive ? 0.55f : 0;
  }
  if (g.cue == 2) return g.caps ? 0.85f : 0.6f;
  // An unusual name is rarely anything but a person: a cue anywhere in the post, or a place
  // where a name is expected ("thanks to harry"), vouches for it as a weak cue would.
  int cue = std::max({g.cue, g.cue_in_post ? 1 : 0, g.slot ? 1 : 0});
  // After a sentence-opening word ("Today Siobhan read ...") the capital is the name's own.
  bool plain_name = g.caps && (!g.after_capital || g.after_opening) && (!g.start || g.opens_clause);
  // In lower case even at a sentence start: a post written all in lower case has no capitals to read.
  if (cue == 1) return plain_name ? 0.7f : (!g.caps && !g.shouted ? 0.55f : 0);
  if (g.caps && g.possessive) return 0.65f;
  if (g.caps && !g.start) return 0.45f;  // an unusual name alone, but nothing says it is the pupil
  return 0;
}

}  // namespace smpolicy::names_detail
