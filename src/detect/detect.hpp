// detect: text -> findings (docs/packs.md lists the kinds). Text is normalised first
// (Unicode NFKC, case folding, look-alike letters, leetspeak, spaced-out letters) and
// every finding is mapped back to its byte span in the original text. A Matcher is
// compiled once per school from the pack's identity, the roster and the lexicons, then
// shared by every thread; rebuild it when the roster changes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/core.hpp"
#include "event/event.hpp"
#include "policy/policy.hpp"

namespace smpolicy {

// A view of a text with each byte traced back to the bytes of the original it came from.
struct NormalisedText {
  std::string text;
  // Per byte of `text`: the original [from, to). Both empty when byte i came from byte i
  // (plain ASCII, the common case), so most posts need no map at all.
  std::vector<std::uint32_t> from, to;

  std::uint32_t begin_of(std::size_t i) const { return from.empty() ? static_cast<std::uint32_t>(i) : from[i]; }
  std::uint32_t end_of(std::size_t i) const { return to.empty() ? static_cast<std::uint32_t>(i + 1) : to[i]; }
  // The original span of text[begin, end); {0, 0} when empty or out of range. In line, as
  // every finding asks it.
  std::pair<std::uint32_t, std::uint32_t> original_span(std::size_t begin, std::size_t end) const {
    if (begin >= end || end > text.size()) return {0, 0};
    return {begin_of(begin), end_of(end - 1)};
  }
};

// NFKC, case folding, accents stripped, Cyrillic/Greek look-alikes and typographic
// quotes and dashes mapped, invisible characters dropped. Invalid UTF-8 and control
// characters become spaces; never fails.
NormalisedText normalise(std::string_view original);

// normalise into `out`, whose room is reused: a caller that normalises text after text
// allocates only when a text outgrows the room it hands back.
void normalise_into(std::string_view original, NormalisedText& out);

// The lexicon's view of a normalised text: digits and symbols standing for letters inside
// words ("sh1t", "@ss", "b!tch"), spaced-out letters ("f.u.c.k", "f u c k") and stretched
// letters ("fuuuck") undone.
NormalisedText deobfuscate(NormalisedText plain);

// Word lists the detectors use (data/lexicon/, NOTICE names their sources).
struct LexiconEntry {
  std::string term;  // normalised; a trailing '*' matches any word starting with the rest
  std::string kind;  // a finding kind
  int severity = 1;
};

struct LexiconPattern {
  std::string pattern;  // a regular expression over the normalised, de-obfuscated text
  std::string kind;
};

struct Lexicon {
  std::vector<LexiconEntry> terms;
  std::vector<LexiconPattern> patterns;
  std::vector<std::string> exceptions;  // phrases inside which no language finding counts
  std::unordered_map<std::string, std::vector<std::string>> nicknames;  // given name -> short forms
  std::unordered_set<std::string> ordinary_names;  // given names that are also ordinary words
  std::vector<std::string> shorteners;             // link-shortener hosts
};

// The lexicons compiled into the binary. A broken embedded file is a bug and aborts.
const Lexicon& builtin_lexicon();

// The text of each lexicon file (data/lexicon/); any may be empty.
struct LexiconFiles {
  std::string_view language_tsv, topics_tsv, nicknames_tsv, ordinary_names, shorteners, patterns_tsv, exceptions;
};

// Parses the lexicon files; errors name file:line.
std::expected<Lexicon, Error> parse_lexicon(const LexiconFiles& files);

class Matcher;

// Compiles the matcher for one school. `roster` may be null.
std::shared_ptr<const Matcher> compile_matcher(const Pack& pack, const Roster* roster,
                                               const Lexicon& lexicon = builtin_lexicon());

// Every finding in the event's scanned text fields, in field order then span order.
std::vector<Finding> detect(const Event& event, const Matcher& matcher);

// The same into `out`, whatever it held, reusing its findings' room: a batch detects every
// post into one list.
void detect(const Event& event, const Matcher& matcher, std::vector<Finding>& out);

// The same over one piece of text, as field `field`.
std::vector<Finding> detect_text(std::string_view text, std::string_view field, const Matcher& matcher);

}  // namespace smpolicy
