// The name detector's reading of a post: its words, and the cues, capitals, lists and
// relatives around a name.
#include "detect/name_context.hpp"

#include <algorithm>
#include <array>

namespace smpolicy::names_detail {
namespace {

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
constexpr std::array<std::string_view, 41> k_weak_cues = {
    "brilliant", "amazing", "fantastic", "superb", "star", "stars", "legend", "shout", "learnt", "learned",
    "reading", "read", "writing", "spelling", "story", "tables", "project", "science", "kids", "children",
    "trip", "sports", "concert", "choir", "lesson", "lessons", "club", "team", "football", "netball", "team's",
    "scored", "goal", "goals", "effort", "chair", "colleague", "colleagues", "deputy", "staff", "office"};
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

// word_char's answer for each byte, before it is cut short at the end of the text.
constexpr std::array<unsigned char, 256> k_word_bytes = [] {
  std::array<unsigned char, 256> widths{};
  for (int u = 0; u < 256; ++u) {
    const char text[4] = {static_cast<char>(u), 'a', 'a', 'a'};
    widths[static_cast<std::size_t>(u)] = static_cast<unsigned char>(word_char(std::string_view(text, 4), 0));
  }
  return widths;
}();

// The cue words in a flat table by word_hash: every word near a given name is looked up,
// and most are no cue, which one probe of an empty or unequal cell says.
class CueTable {
 public:
  CueTable() {
    for (auto w : k_cues) put(w, 2);
    for (auto w : k_weak_cues) put(w, 1);
  }
  signed char level(std::string_view w, std::uint64_t hash) const {
    for (std::size_t at = hash >> 56;; at = (at + 1) % m_cells.size()) {
      const Cell& cell = m_cells[at];
      if (cell.level == 0) return 0;
      if (cell.hash == hash && cell.word == w) return cell.level;
    }
  }

 private:
  struct Cell {
    std::uint64_t hash = 0;
    std::string_view word;
    signed char level = 0;  // 0 for an empty cell
  };
  // A strong cue keeps its strength if the word is also listed as a weak one.
  void put(std::string_view w, signed char level) {
    const std::uint64_t hash = word_hash(w);
    std::size_t at = hash >> 56;
    for (; m_cells[at].level != 0; at = (at + 1) % m_cells.size()) {
      if (m_cells[at].word == w) return;
    }
    m_cells[at] = Cell{hash, w, level};
  }
  std::array<Cell, 256> m_cells{};  // 83 words: at most a third full
};

}  // namespace

void tokens_of(const std::string& text, std::vector<Token>& out) {
  out.clear();
  // A std::string keeps a '\0' after its last byte, and that is no word byte: the loop over
  // a word's letters stops there with no bounds check of its own.
  const std::string_view s = text;
  const char* p = text.c_str();
  const std::size_t n = s.size();
  auto width_at = [&](std::size_t k) -> std::size_t {
    return k_word_bytes[static_cast<unsigned char>(p[k])];
  };
  for (std::size_t i = 0;;) {
    while (i < n && !width_at(i)) ++i;
    if (i == n) break;
    // The word's hash is taken byte by byte as the word is read.
    std::size_t j = i;
    std::uint64_t hash = k_word_hash_start;
    for (;;) {
      // Most bytes: ASCII letters and digits.
      for (char c = p[j]; k_word_bytes[static_cast<unsigned char>(c)] == 1; c = p[++j]) {
        hash = word_hash_step(hash, c);
      }
      if (j == n) break;
      std::size_t width = width_at(j);
      if (width == 0) {
        if ((p[j] != '-' && p[j] != '\'') || !width_at(j + 1)) break;
        width = 1;
      }
      for (std::size_t end = std::min(j + width, n); j < end; ++j) hash = word_hash_step(hash, p[j]);
    }
    std::string_view word(p + i, j - i);
    bool possessive = j < n && p[j] == '\'';  // "James'"
    if (word.size() > 2 && word.ends_with("'s")) {
      word.remove_suffix(2);
      hash = word_hash(word);
      possessive = true;
    }
    // Built in place from its fields: a token built aside and copied in was read back
    // before its bytes had landed, a stall on every word of every post.
    out.emplace_back(i, i + word.size(), word, hash, possessive);
    i = j;
  }
}

signed char cue_strength(std::string_view w, std::uint64_t hash) {
  static const CueTable k_table;
  signed char level = k_table.level(w, hash);
  return level == 2 || year_word(w) ? 2 : level;
}

bool title_word(std::string_view w) { return among(w, k_titles); }
bool parent_word(std::string_view w) { return among(w, k_parent_words); }

bool Context::sentence_start(const Token& t) const {
  for (std::size_t k = plain.begin_of(t.begin); k > 0; --k) {
    char c = original[k - 1];
    if (c == ' ' || c == '\t' || c == '"' || c == '(') continue;
    return c == '.' || c == '!' || c == '?' || c == '\n' || c == '\r';
  }
  return true;
}

int Context::cue_in_post() const {
  if (post_cue >= 0) return post_cue;
  int best = 0;
  for (std::size_t k = 0; k < tokens.size() && best < 2; ++k) best = std::max<int>(best, cue_level(k));
  return post_cue = best;
}

int Context::cue_near(std::size_t i) const {
  constexpr std::uint64_t k_star = word_hash("star");  // most words are told apart by the hash alone
  std::size_t from = i >= 6 ? i - 6 : 0, to = std::min(tokens.size(), i + 7);
  int best = 0;
  for (std::size_t k = from; k < to && best < 2; ++k) {
    if (k == i) continue;
    best = std::max<int>(best, cue_level(k));
    // "star of the week", not "star sign"
    if (tokens[k].hash == k_star && tokens[k].word == "star" && k + 1 < tokens.size() &&
        tokens[k + 1].word == "of") {
      best = 2;
    }
  }
  return best;
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
  if (a + 2 < tokens.size() && (tokens[a + 1].word == "and" || tokens[a + 1].word == "or")) {
    std::string_view g = gap(a, a + 1);
    if ((spaces(g) || g == ", ") && spaces(gap(a + 1, a + 2))) return a + 2;
  }
  return tokens.size();
}

bool Context::name_slot(std::size_t i) const {
  auto word = [&](std::size_t k) { return k < tokens.size() ? tokens[k].word : std::string_view(); };
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
  return i > 0 && among(tokens[i - 1].word, k_not_pupil_before);
}

bool Context::inside_proper_noun(std::size_t i) const {
  if (i > 0 && adjacent(i - 1, i) && capitalised(tokens[i - 1]) && !sentence_start(tokens[i - 1]) &&
      !cue(i - 1) && !among(tokens[i - 1].word, k_titles)) {
    return true;
  }
  return tokens[i].possessive && i + 1 < tokens.size() && capitalised(tokens[i + 1]) && !acronym(tokens[i + 1]);
}

bool Context::acronym(const Token& t) const {
  auto b = plain.begin_of(t.begin);
  for (std::size_t k = b; k < b + t.word.size() && k < original.size(); ++k) {
    if (original[k] >= 'a' && original[k] <= 'z') return false;  // std::islower in the "C" locale
  }
  return t.word.size() > 1;
}

bool Context::place_follows(std::size_t end) const {
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    if (tokens[k].begin == end + 1) return capitalised(tokens[k]) && among(tokens[k].word, k_place_nouns);
  }
  return false;
}

// Words that follow a sentence-opening "Hope", "Will" or "May" read as the verb: "Hope the
// fair stays dry", "Will you be there?", "May I ask".
constexpr std::array<std::string_view, 22> k_after_a_verb = {
    "the", "a", "an", "you", "your", "everyone", "everybody", "all", "we", "i", "it", "they", "this", "that",
    "these", "those", "he", "she", "there", "someone", "anyone", "our"};

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

// The strongest cue within six words of token i, leaving out the word right after it.
int cue_near_apart(const Context& c, std::size_t i) {
  std::size_t from = i >= 6 ? i - 6 : 0, to = std::min(c.tokens.size(), i + 7);
  int best = 0;
  for (std::size_t k = from; k < to && best < 2; ++k) {
    if (k != i && k != i + 1) best = std::max<int>(best, c.cue_level(k));
  }
  return best;
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
  // "Summer term", "Holly class": a cue right after the word is what the word names.
  bool cue_next = i + 1 < c.tokens.size() && c.adjacent(i, i + 1) && c.cue_level(i + 1) > 0;
  g.cue_apart = cue_next ? cue_near_apart(c, i) : g.cue;
  g.cue_in_post = g.cue == 2 ? 2 : c.cue_in_post();
  g.word_opening = g.start && i + 1 < c.tokens.size() && c.adjacent(i, i + 1) && !t.possessive &&
                   among(c.tokens[i + 1].word, k_after_a_verb);
  g.possessive = t.possessive;
  g.proper_noun = c.inside_proper_noun(i);
  g.someone_else = c.someone_else(i) || a_month(c, i);
  g.slot = !g.caps && c.name_slot(i);
  g.after_capital = i > 0 && c.adjacent(i - 1, i) && c.capitalised(c.tokens[i - 1]) && !c.cue(i - 1) &&
                    !among(c.tokens[i - 1].word, k_titles);
  g.after_opening = g.after_capital && c.sentence_start(c.tokens[i - 1]) && !c.acronym(c.tokens[i - 1]);
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

float given_name_confidence(const GivenContext& g, const NameIndex::Owner& owner) {
  if ((!g.next_capitalised.empty() && g.next_capitalised != owner.family) || g.proper_noun || g.someone_else) return 0;
  if (owner.ordinary_given) {
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
  int cue = std::max({g.cue, std::min(g.cue_in_post, 1), g.slot ? 1 : 0});
  // After a sentence-opening word ("Today Siobhan read ...") the capital is the name's own.
  bool plain_name = g.caps && (!g.after_capital || g.after_opening) && (!g.start || g.opens_clause);
  // In lower case even at a sentence start: a post written all in lower case has no capitals to read.
  if (cue == 1) return plain_name ? 0.7f : (!g.caps && !g.shouted ? 0.55f : 0);
  if (g.caps && g.possessive) return 0.65f;
  if (g.caps && !g.start) return 0.45f;  // an unusual name alone, but nothing says it is the pupil
  return 0;
}

}  // namespace smpolicy::names_detail
