// The first detector set: phrase terms on word boundaries, plus e-mail addresses, links,
// UK phone numbers and postcodes found by shape.
#include <algorithm>
#include <cctype>
#include <regex>

#include "detect/matcher.hpp"

namespace smpolicy {
namespace {

struct Word {
  std::string lower;
  std::uint32_t begin, end;
};

bool word_byte(unsigned char c) { return std::isalnum(c) || c == '\'' || c >= 0x80; }

std::vector<Word> words_of(std::string_view text) {
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!word_byte(static_cast<unsigned char>(text[i]))) { ++i; continue; }
    std::size_t j = i;
    Word w;
    while (j < text.size() && word_byte(static_cast<unsigned char>(text[j]))) {
      w.lower += static_cast<char>(std::tolower(static_cast<unsigned char>(text[j])));
      ++j;
    }
    // A possessive names the same person: "Bennett's" matches "Bennett".
    for (std::string_view suffix : {"'s", "s'", "'"}) {
      if (w.lower.size() > suffix.size() + 1 && w.lower.ends_with(suffix)) {
        w.lower.resize(w.lower.size() - (suffix == "s'" ? 1 : suffix.size()));
        break;
      }
    }
    w.begin = static_cast<std::uint32_t>(i);
    w.end = static_cast<std::uint32_t>(j);
    words.push_back(std::move(w));
    i = j;
  }
  return words;
}

bool matches_at(const Term& term, const std::vector<Word>& words, std::size_t at) {
  if (at + term.words.size() > words.size()) return false;
  for (std::size_t k = 0; k < term.words.size(); ++k) {
    const auto& want = term.words[k];
    const auto& have = words[at + k].lower;
    bool last = k + 1 == term.words.size();
    if (last && term.prefix ? !have.starts_with(want) : have != want) return false;
  }
  return true;
}

void add(std::vector<Finding>& out, std::string_view field, std::string kind, std::size_t b, std::size_t e,
         float confidence, std::string detail = {}) {
  out.push_back(Finding{std::move(kind), std::string(field), static_cast<std::uint32_t>(b),
                        static_cast<std::uint32_t>(e), confidence, std::move(detail)});
}

void scan_terms(std::string_view text, std::string_view field, const Matcher& m, std::vector<Finding>& out) {
  auto words = words_of(text);
  for (std::size_t i = 0; i < words.size(); ++i) {
    auto emit = [&](const Term& t) {
      if (matches_at(t, words, i)) add(out, field, t.kind, words[i].begin, words[i + t.words.size() - 1].end, t.confidence, t.detail);
    };
    if (auto it = m.by_first_word.find(words[i].lower); it != m.by_first_word.end()) {
      for (auto index : it->second) emit(m.terms[index]);
    }
    for (auto index : m.prefix_first) emit(m.terms[index]);
  }
}

bool email_byte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }

void scan_emails(std::string_view text, std::string_view field, const Matcher& m, std::vector<Finding>& out) {
  for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    std::size_t b = at, e = at + 1;
    while (b > 0 && email_byte(text[b - 1])) --b;
    while (e < text.size() && (email_byte(text[e]))) ++e;
    while (e > at + 1 && text[e - 1] == '.') --e;
    std::string_view domain = text.substr(at + 1, e - at - 1);
    if (b == at || domain.find('.') == std::string_view::npos) continue;
    std::string lower(domain);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool school = std::any_of(m.school_domains.begin(), m.school_domains.end(),
                              [&](const std::string& d) { return lower == d || lower.ends_with("." + d); });
    add(out, field, school ? "school.contact" : "personal_data.email", b, e, 0.99f);
  }
}

void scan_links(std::string_view text, std::string_view field, const Matcher& m, std::vector<Finding>& out) {
  for (std::string_view start : {"https://", "http://", "www."}) {
    for (std::size_t b = text.find(start); b != std::string_view::npos; b = text.find(start, b + 1)) {
      if (start == "www." && b >= 3 && text.substr(b - 3, 3) == "://") continue;
      std::size_t e = b;
      while (e < text.size() && !std::isspace(static_cast<unsigned char>(text[e]))) ++e;
      std::string_view url = text.substr(b, e - b);
      auto host_start = url.find("://") == std::string_view::npos ? 0 : url.find("://") + 3;
      std::string_view host = url.substr(host_start, url.find('/', host_start) - host_start);
      bool shortener = std::find(m.shorteners.begin(), m.shorteners.end(), host) != m.shorteners.end();
      add(out, field, shortener ? "link.shortener" : "link", b, e, 0.99f);
    }
  }
}

void scan_shapes(std::string_view text, std::string_view field, std::vector<Finding>& out) {
  static const std::regex k_phone(R"((?:\+44\s?|\b0)(?:\d\s?){9,10}\b)");
  static const std::regex k_postcode(R"(\b[A-Za-z]{1,2}\d[A-Za-z\d]?\s?\d[A-Za-z]{2}\b)");
  std::string s(text);
  for (auto it = std::sregex_iterator(s.begin(), s.end(), k_phone); it != std::sregex_iterator(); ++it) {
    add(out, field, "personal_data.phone", static_cast<std::size_t>(it->position()),
        static_cast<std::size_t>(it->position() + it->length()), 0.9f);
  }
  for (auto it = std::sregex_iterator(s.begin(), s.end(), k_postcode); it != std::sregex_iterator(); ++it) {
    add(out, field, "personal_data.postcode", static_cast<std::size_t>(it->position()),
        static_cast<std::size_t>(it->position() + it->length()), 0.8f);
  }
}

}  // namespace

std::vector<Finding> detect_text(std::string_view text, std::string_view field, const Matcher& matcher) {
  std::vector<Finding> out;
  scan_terms(text, field, matcher, out);
  scan_emails(text, field, matcher, out);
  scan_links(text, field, matcher, out);
  scan_shapes(text, field, out);
  // Longest first at each start, then drop a finding inside another of the same kind
  // ("Hillside Primary" within "Hillside Primary School").
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::vector<Finding> kept;
  for (auto& f : out) {
    bool inside = std::any_of(kept.begin(), kept.end(), [&](const Finding& k) {
      return k.kind == f.kind && k.begin <= f.begin && f.end <= k.end;
    });
    if (!inside) kept.push_back(std::move(f));
  }
  return kept;
}

std::vector<Finding> detect(const Event& event, const Matcher& matcher) {
  std::vector<Finding> out;
  const auto& spec = spec_of(event.kind);
  for (std::size_t i = 0; i < spec.fields.size(); ++i) {
    if (!spec.fields[i].scanned || event.fields[i].missing()) continue;
    auto found = detect_text(event.fields[i].text, spec.fields[i].name, matcher);
    out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  }
  return out;
}

}  // namespace smpolicy
