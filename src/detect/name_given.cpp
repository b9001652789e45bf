// The name detector's given names alone: a bare "Grace" or "Zofia", decided by the words
// around it, and the lists of names it may stand in.
#include <algorithm>

#include "detect/name_context.hpp"
#include "detect/names.hpp"

namespace smpolicy {

using names_detail::Context;

bool NameIndex::match_given(const Entries& entries, const Context& c, std::size_t i,
                            std::vector<NameHit>& hits) const {
  using names_detail::GivenContext;
  using names_detail::OrdinaryNames;
  const names_detail::Token& first = c.tokens[i];
  // The context is worked out once for the word, whichever of its names it is.
  const OrdinaryNames ordinary = entries.ordinary_given() ? OrdinaryNames::some : OrdinaryNames::none;
  GivenContext g = names_detail::given_context(c, i, ordinary);
  for (int pass = 0; pass < 2; ++pass) {
    // A common name has tens of owners, most often none of them found. Unless a capitalised
    // word follows, to be told from each owner's family name, the confidence turns only on
    // whether the name is an ordinary word, so it is worked out once for each, not per owner.
    const bool per_owner = !g.next_capitalised.empty();
    float known[2] = {-1, -1};  // by ordinary_given; -1 before it is worked out
    for (const Entry& e : entries.givens()) {
      float& confidence = known[e.ordinary_given ? 1 : 0];
      if (confidence < 0 || per_owner) {
        confidence = names_detail::given_name_confidence(g, e.ordinary_given, m_owners[e.owner].family);
      }
      if (confidence >= 0.5f) {
        const Owner& o = m_owners[e.owner];
        hits.push_back(hit_of(o, first.begin, first.end, confidence));
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

bool NameIndex::given_key(const Context& c, std::size_t k, bool& unusual) const {
  const Slot* slot = find_word(c.word(k), c.tokens[k].hash);
  if (!slot) return false;
  bool given = false;
  for (const Entry& e : slot->entries.givens()) {
    given = true;
    unusual = unusual || !e.ordinary_given;
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
    if (back == k || !given_key(c, back, unused)) break;
    from = k = back;
  }
  std::size_t members = 0;
  bool unusual = false;
  int best = 1;
  for (std::size_t k = from; k < c.tokens.size(); k = c.next_in_list(k)) {
    if (!given_key(c, k, unusual) || !c.capitalised(c.tokens[k])) break;
    ++members;
    best = std::max(best, c.cue_near(k));
  }
  if (members < 2 || !unusual) return false;
  cue = std::max(cue, best);
  return true;
}

}  // namespace smpolicy
