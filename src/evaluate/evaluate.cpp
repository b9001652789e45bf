#include "evaluate/evaluate.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>

namespace smpolicy {
namespace {

double ratio(int a, int b) { return b == 0 ? 1.0 : static_cast<double>(a) / b; }

std::string family_of(std::string_view kind) { return std::string(kind.substr(0, kind.find('.'))); }

void tally(std::map<std::string, Counts>& table, const std::set<std::string>& truth, const std::set<std::string>& seen) {
  for (const auto& k : seen) (truth.contains(k) ? table[k].true_positives : table[k].false_positives)++;
  for (const auto& k : truth) {
    if (!seen.contains(k)) table[k].false_negatives++;
  }
}

std::set<std::string> families(const std::set<std::string>& kinds) {
  std::set<std::string> out;
  for (const auto& k : kinds) out.insert(family_of(k));
  return out;
}

}  // namespace

double Counts::precision() const { return ratio(true_positives, true_positives + false_positives); }
double Counts::recall() const { return ratio(true_positives, true_positives + false_negatives); }
double Counts::f1() const {
  double p = precision(), r = recall();
  return p + r == 0 ? 0 : 2 * p * r / (p + r);
}

std::expected<std::vector<LabelledPost>, Error> load_labelled_posts(const std::filesystem::path& path) {
  auto text = read_file(path);
  if (!text) return std::unexpected(text.error());
  std::vector<LabelledPost> posts;
  std::optional<Error> error;
  for_each_line(*text, [&](std::string_view line, int number) {
    if (error || line.find_first_not_of(" \t") == std::string_view::npos) return;
    auto wrapped = parse_wrapped_event(line, number);
    if (!wrapped) {
      error = Error{ErrorCode::invalid, path.string() + ":" + wrapped.error().message};
      return;
    }
    std::string note = wrapped->label("note");
    posts.push_back(LabelledPost{std::move(wrapped->event), wrapped->list("findings"), wrapped->table("outcomes"),
                                 note.substr(0, note.find(':'))});
  });
  if (error) return std::unexpected(*error);
  return posts;
}

Evaluation evaluate(const std::vector<LabelledPost>& posts, const std::vector<const School*>& schools, float min_confidence) {
  Evaluation e;
  for (const auto& post : posts) {
    ++e.posts;
    std::set<std::string> truth(post.kinds.begin(), post.kinds.end());
    // The schools share one identity and roster, so the post is detected once and then
    // decided by every pack.
    auto findings = detect(post.post, *schools.front()->matcher);
    std::set<std::string> seen;
    for (const auto& f : findings) {
      if (f.confidence >= min_confidence) seen.insert(f.kind);
    }
    tally(e.by_kind, truth, seen);
    tally(e.by_family, families(truth), families(seen));
    if (post.category == "benign") {
      ++e.benign;
      e.benign_flagged += std::any_of(seen.begin(), seen.end(), [](const std::string& k) { return k.starts_with("person."); });
    }
    for (const School* school : schools) {
      Verdict verdict = decide(post.post, findings, *school->pack, school->roster.get());
      const std::string& id = school->pack->info.id;
      auto label = std::find_if(post.outcomes.begin(), post.outcomes.end(), [&](const auto& o) { return o.first == id; });
      if (label == post.outcomes.end()) continue;
      std::string got(name_of(verdict.outcome));
      auto& table = e.by_outcome[id];
      if (got == label->second) table[got].true_positives++;
      else {
        table[got].false_positives++;
        table[label->second].false_negatives++;
      }
      e.agreement[id].first += got == label->second;
      e.agreement[id].second++;
    }
  }
  return e;
}

namespace {

std::string row(const std::string& name, const Counts& c) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "  %-30s %5d %5d %5d   %5.3f  %5.3f  %5.3f\n", name.c_str(), c.true_positives,
                c.false_positives, c.false_negatives, c.precision(), c.recall(), c.f1());
  return buf;
}

std::string header(const char* title) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%s\n  %-30s %5s %5s %5s   %5s  %5s  %5s\n", title, "", "tp", "fp", "fn", "prec", "recall", "f1");
  return buf;
}

void json_counts(std::string& out, const std::map<std::string, Counts>& table) {
  out += '{';
  bool first = true;
  for (const auto& [name, c] : table) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, name);
    char buf[200];
    std::snprintf(buf, sizeof buf, ":{\"tp\":%d,\"fp\":%d,\"fn\":%d,\"precision\":%.4f,\"recall\":%.4f,\"f1\":%.4f}",
                  c.true_positives, c.false_positives, c.false_negatives, c.precision(), c.recall(), c.f1());
    out += buf;
  }
  out += '}';
}

}  // namespace

std::string render_evaluation(const Evaluation& e, Format format) {
  if (format == Format::json) {
    std::string out = "{\"posts\":" + std::to_string(e.posts) + ",\"benign\":" + std::to_string(e.benign) +
                      ",\"benign_flagged_as_person\":" + std::to_string(e.benign_flagged) + ",\"by_family\":";
    json_counts(out, e.by_family);
    out += ",\"by_kind\":";
    json_counts(out, e.by_kind);
    out += ",\"by_pack\":{";
    bool first = true;
    for (const auto& [pack, table] : e.by_outcome) {
      if (!first) out += ',';
      first = false;
      append_json_string(out, pack);
      auto [agree, total] = e.agreement.at(pack);
      out += ":{\"agreement\":" + std::to_string(ratio(agree, total)) + ",\"outcomes\":";
      json_counts(out, table);
      out += '}';
    }
    return out + "}}\n";
  }
  std::string out = std::to_string(e.posts) + " labelled posts\n\n" + header("Detectors by family");
  for (const auto& [name, c] : e.by_family) out += row(name, c);
  out += "\n" + header("Detectors by kind");
  for (const auto& [name, c] : e.by_kind) out += row(name, c);
  char buf[200];
  std::snprintf(buf, sizeof buf, "\nBenign posts that name no one, flagged as naming a person: %d of %d (%.1f%%)\n",
                e.benign_flagged, e.benign, 100.0 * ratio(e.benign_flagged, e.benign));
  out += buf;
  for (const auto& [pack, table] : e.by_outcome) {
    auto [agree, total] = e.agreement.at(pack);
    std::snprintf(buf, sizeof buf, "\nOutcomes, %s: %d of %d agree with the label (%.1f%%)\n", pack.c_str(), agree, total,
                  100.0 * ratio(agree, total));
    out += buf + header("").substr(1);
    for (const auto& [name, c] : table) out += row(name, c);
  }
  return out;
}

}  // namespace smpolicy
