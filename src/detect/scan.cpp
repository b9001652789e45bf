// Runs every detector over one text and maps each finding back to the original bytes.
#include <algorithm>
#include <span>
#include <tuple>

#include "detect/matcher.hpp"
#include "detect/pii.hpp"

namespace smpolicy {
namespace {

// Whether byte i of the plain view is part of a word: a letter, a digit or a '*'. A
// character of several bytes counts by its first, so an emoji or a dash beside a word
// ("fuming😡") leaves the word whole. Most bytes beside a term are ASCII (a space, a
// letter, a stop), which word_byte answers in line; wide_word_byte works out the rest.
[[gnu::noinline]] bool wide_word_byte(std::string_view s, std::size_t i) {
  std::size_t lead = i;
  while (lead > 0 && i - lead < 3 && (static_cast<unsigned char>(s[lead]) & 0xC0) == 0x80) --lead;
  if ((static_cast<unsigned char>(s[lead]) & 0xC0) == 0x80) return true;  // not UTF-8: as before, a word byte
  return word_char(s, lead) != 0;
}

[[gnu::always_inline]] inline bool word_byte(std::string_view s, std::size_t i) {
  auto u = static_cast<unsigned char>(s[i]);
  if (u < 0x80) return u == '*' || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9');
  return wide_word_byte(s, i);
}

// Where a plural ending ("s" or "es") that starts at `at`, just after a term, ends the
// word; 0 when the word goes on otherwise.
std::size_t plural_end(std::string_view s, std::size_t at) {
  auto word_ends = [&](std::size_t end) { return end == s.size() || !word_byte(s, end); };
  if (s[at] == 's' && word_ends(at + 1)) return at + 1;
  if (s.substr(at, 2) == "es" && word_ends(at + 2)) return at + 2;
  return 0;
}

// A finding of one text before tidying. Its kind and detail are views into the matcher
// or the detectors' own tables, which outlive the scan, so only the findings kept are
// written out as strings.
struct Seen {
  std::string_view kind, detail;
  std::uint32_t begin = 0, end = 0;
  float confidence = 1.0f;
};

// The findings of one text so far, in a list each thread keeps.
using Found = std::vector<Seen>;

// In line: a post has a few findings, and the call cost as much as keeping one.
[[gnu::always_inline]] inline void add(Found& out, std::string_view kind,
                                       std::pair<std::uint32_t, std::uint32_t> span, float confidence,
                                       std::string_view detail = {}) {
  if (span.first >= span.second) return;
  out.push_back(Seen{kind, detail, span.first, span.second, confidence});
}

// True when `token`, in which each run of '*' stands for one or more letters, spells
// `word` (or, for a prefix term, starts with it).
bool masked_match(std::string_view token, std::string_view word, bool prefix) {
  if (token.empty()) return word.empty() || false;
  if (word.empty()) return prefix;
  if (token.front() == '*') {
    std::size_t run = token.find_first_not_of('*');
    std::string_view rest = run == std::string_view::npos ? std::string_view() : token.substr(run);
    for (std::size_t take = 1; take <= word.size(); ++take) {
      if (masked_match(rest, word.substr(take), prefix)) return true;
    }
    return prefix && rest.empty();
  }
  return token.front() == word.front() && masked_match(token.substr(1), word.substr(1), prefix);
}

// Starred-out words: only tokens with a '*' are tried, against terms of the same first letter.
template <typename Emit>
void scan_masked(const std::string& s, const LexiconMatcher& lexicon, Emit emit) {
  for (std::size_t star = s.find('*'); star != std::string::npos; star = s.find('*', star + 1)) {
    std::size_t b = star, e = star;
    while (b > 0 && word_byte(s, b - 1)) --b;
    while (e < s.size() && word_byte(s, e)) ++e;
    std::string_view token = std::string_view(s).substr(b, e - b);
    star = e;
    if (token.size() < 3 || token.front() == '*') continue;
    auto it = lexicon.masked.find(token.front());
    if (it == lexicon.masked.end()) continue;
    // Prefer a term spelt letter for letter ("f*ck" is four letters), then profanity,
    // the likeliest meaning of a starred word, then the more severe.
    const MaskedTerm* best = nullptr;
    auto rank = [&](const MaskedTerm& m) {
      bool exact = m.prefix ? token.size() >= m.term.size() : token.size() == m.term.size();
      return std::tuple(exact, m.kind == "language.profanity", m.severity);
    };
    for (const auto& m : it->second) {
      if (masked_match(token, m.term, m.prefix) && (!best || rank(m) > rank(*best))) best = &m;
    }
    if (best) emit(best->kind, b, e);
  }
}

struct Hit {
  const std::string* kind;
  std::size_t begin, end;
  float confidence;
};

// Whether two of `hits` cover the same span with different kinds.
bool same_span_other_kind(std::span<const Hit> hits) {
  for (std::size_t a = 0; a < hits.size(); ++a) {
    for (std::size_t b = a + 1; b < hits.size(); ++b) {
      if (hits[a].begin == hits[b].begin && hits[a].end == hits[b].end && *hits[a].kind != *hits[b].kind) return true;
    }
  }
  return false;
}

void scan_lexicon(const NormalisedText& view, const LexiconMatcher& lexicon, Found& out) {
  const std::string& s = view.text;
  // Scratch each thread reuses from post to post.
  thread_local std::vector<Hit> hits;
  thread_local std::vector<std::pair<std::size_t, std::size_t>> exceptions;
  hits.clear();
  exceptions.clear();
  // The patterns whose needed words the text holds some of, first word to last, with the sets met.
  thread_local std::vector<std::pair<PatternSet::Near, std::uint32_t>> seen;
  seen.clear();
  lexicon.set.scan(s, [&](unsigned id, std::size_t begin, std::size_t end) {
    if (id >= lexicon.terms.size()) {
      const auto& word = lexicon.pattern_words[id - lexicon.terms.size()];
      auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& p) { return p.first.id == word.pattern; });
      if (it == seen.end()) seen.push_back({{word.pattern, begin, end}, word.bit});
      else *it = {{word.pattern, std::min(it->first.begin, begin), std::max(it->first.end, end)},
                  it->second | word.bit};
      return;
    }
    const LexTerm& term = lexicon.terms[id];
    // The set finds terms at starts; after a '*' or a letter of a wider character too.
    if (begin > 0 && word_byte(s, begin - 1)) return;
    if (term.prefix) {
      while (end < s.size() && word_byte(s, end)) ++end;
    } else if (end < s.size() && word_byte(s, end)) {
      end = term.plurals ? plural_end(s, end) : 0;
      if (!end) return;
    }
    if (term.exception) exceptions.emplace_back(begin, end);
    else hits.push_back(Hit{&term.kind, begin, end, term.confidence});
  });
  // Pattern by pattern, only those whose needed words the term scan met, near them (a post
  // may match a pattern or two, and running those alone costs a fraction of the whole set).
  // That may list matches of different patterns in another order, which only shows where two
  // of different kinds cover the very same span; such a post (rare) is scanned again with the whole set.
  auto pattern_hit = [&](unsigned id, std::size_t begin, std::size_t end) {
    hits.push_back(Hit{&lexicon.pattern_kinds[id], begin, end, 0.85f});
  };
  std::size_t first_pattern = hits.size();
  thread_local std::vector<PatternSet::Near> candidates;  // patterns the text may match, ascending
  candidates.clear();
  for (unsigned pattern : lexicon.unconditional_patterns) candidates.push_back({pattern, 0, s.size()});
  for (const auto& [near, sets] : seen) {
    if (sets == lexicon.pattern_needs[near.id]) candidates.push_back(near);
  }
  std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  lexicon.patterns.scan_near(s, candidates, pattern_hit);
  if (same_span_other_kind(std::span(hits).subspan(first_pattern))) {
    hits.resize(first_pattern);
    lexicon.patterns.scan(s, pattern_hit);
  }
  scan_masked(s, lexicon, [&](const std::string& kind, std::size_t begin, std::size_t end) {
    hits.push_back(Hit{&kind, begin, end, 0.8f});
  });
  for (const Hit& h : hits) {
    // "faggots and peas", "the Spastics Society": an innocent phrase cancels the word in it.
    bool excepted = !exceptions.empty() && h.kind->starts_with("language.") &&
                    std::any_of(exceptions.begin(), exceptions.end(), [&](auto e) { return e.first <= h.begin && h.end <= e.second; });
    if (!excepted) add(out, *h.kind, view.original_span(h.begin, h.end), h.confidence);
  }
}

// Keeps, of findings of one kind that overlap, the longest ("Hillside Primary School"
// over "Hillside Primary"; "piece of shit" over "shit"), and drops a name inside an e-mail
// address or a link, which is part of that, not a mention. One pass over findings sorted by
// start (longest first): a finding is inside an earlier one exactly when it ends no later
// than the furthest end seen so far for its kind (or for a container).
// The kept findings are written over out[at...] (grown as needed), as found in `field`;
// returns the end of them there.
std::size_t tidy(const Found& found, std::string_view field, std::vector<Finding>& out, std::size_t at) {
  // Sorted as indices, so the findings themselves move once. Posts have a handful of
  // findings, where insertion sort is quickest; both sorts are stable.
  thread_local std::vector<std::uint32_t> order;  // scratch each thread reuses
  order.resize(found.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  auto before = [&](std::uint32_t x, std::uint32_t y) {
    const Seen &a = found[x], &b = found[y];
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  };
  if (order.size() <= 32) {
    for (std::size_t i = 1; i < order.size(); ++i) {
      for (std::size_t j = i; j > 0 && before(order[j], order[j - 1]); --j) std::swap(order[j], order[j - 1]);
    }
  } else {
    std::stable_sort(order.begin(), order.end(), before);
  }
  auto container = [](const Seen& f) {
    return f.kind == "school.contact" || f.kind.starts_with("link") || f.kind == "personal_data.email";
  };
  auto name = [](const Seen& f) { return f.kind.starts_with("person.") || f.kind == "school.name"; };
  // The furthest end kept so far of each kind: the first kept finding of the kind, by
  // index into `found`, and the end. A post has few kinds, so a list beats a map.
  thread_local std::vector<std::pair<std::size_t, std::uint32_t>> furthest;
  furthest.clear();
  std::uint32_t container_end = 0;
  bool any_container = false;
  // Chosen first, by index, then written once into `out`.
  thread_local std::vector<std::uint32_t> kept;
  kept.clear();
  for (std::uint32_t index : order) {
    const Seen& f = found[index];
    auto it = std::find_if(furthest.begin(), furthest.end(), [&](const auto& k) { return found[k.first].kind == f.kind; });
    bool inside = (it != furthest.end() && f.end <= it->second) || (name(f) && any_container && f.end <= container_end);
    if (inside) continue;
    if (container(f)) {
      container_end = std::max(container_end, f.end);
      any_container = true;
    }
    if (it == furthest.end()) furthest.emplace_back(index, f.end);
    else it->second = std::max(it->second, f.end);
    kept.push_back(index);
  }
  if (out.size() < at + kept.size()) out.resize(at + kept.size());
  for (std::uint32_t index : kept) {
    const Seen& f = found[index];
    Finding& to = out[at++];
    assign_text(to.kind, f.kind);
    assign_text(to.field, field);
    to.begin = f.begin;
    to.end = f.end;
    to.confidence = f.confidence;
    assign_text(to.detail, f.detail);
  }
  return at;
}

// Detects into out[at...] (grown as needed); returns the end of this text's findings.
std::size_t detect_text_into(std::string_view text, std::string_view field, const Matcher& matcher, std::vector<Finding>& out,
                             std::size_t at) {
  if (text.empty()) return at;
  thread_local Found found;  // scratch each thread reuses
  found.clear();
  // The plain view's room, handed from text to text so that most texts allocate none; an
  // outsized one (a 1 MB upload) gives its room back at the next ordinary text.
  thread_local NormalisedText room;
  constexpr std::size_t k_keep = std::size_t{1} << 16;
  if (room.text.capacity() > k_keep && text.size() <= k_keep) room = NormalisedText{};
  NormalisedText plain = std::move(room);
  normalise_into(text, plain);
  ShapeOptions options{&matcher.school_domains, &matcher.school_phones, &matcher.shorteners};
  thread_local std::vector<ShapeHit> shapes;  // scratch each thread reuses
  scan_shapes(plain, text, options, shapes);
  for (const auto& hit : shapes) {
    add(found, hit.kind, plain.original_span(hit.begin, hit.end), hit.confidence);
  }
  for (const auto& hit : matcher.names.scan(plain, text)) {
    add(found, *hit.kind, plain.original_span(hit.begin, hit.end), hit.confidence, *hit.detail);
  }
  if (matcher.lexicon) {
    NormalisedText lexicon_view = deobfuscate(std::move(plain));
    scan_lexicon(lexicon_view, *matcher.lexicon, found);
    room = std::move(lexicon_view);
  } else {
    room = std::move(plain);
  }
  return tidy(found, field, out, at);
}

}  // namespace

std::vector<Finding> detect_text(std::string_view text, std::string_view field, const Matcher& matcher) {
  std::vector<Finding> out;
  detect_text_into(text, field, matcher, out, 0);
  return out;
}

std::vector<Finding> detect(const Event& event, const Matcher& matcher) {
  std::vector<Finding> out;
  detect(event, matcher, out);
  return out;
}

void detect(const Event& event, const Matcher& matcher, std::vector<Finding>& out) {
  std::size_t end = 0;
  const auto& spec = spec_of(event.kind);
  // Only the scanned fields, listed once: walking all of a kind's dozens cost 150 a post.
  for (std::size_t i : scanned_slots(event.kind)) {
    if (event.fields[i].missing()) continue;
    end = detect_text_into(event.fields[i].text, spec.fields[i].name, matcher, out, end);
  }
  out.resize(end);
}

}  // namespace smpolicy
