// evaluate: how well detection and decision match a hand-labelled set of posts
// (tests/data/eval/). Precision and recall per finding kind and per family of kinds,
// how often benign posts are flagged as naming a person, and per pack how often the
// verdict's outcome matches the label.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "pipeline/pipeline.hpp"

namespace smpolicy {

struct Counts {
  int true_positives = 0, false_positives = 0, false_negatives = 0;
  double precision() const;
  double recall() const;
  double f1() const;
};

struct LabelledPost {
  Event post;
  std::vector<std::string> kinds;                                // labelled finding kinds
  std::vector<std::pair<std::string, std::string>> outcomes;     // pack id -> outcome
  std::string category;                                          // "benign", "person", ...
};

struct Evaluation {
  int posts = 0;
  std::map<std::string, Counts> by_kind, by_family;  // family: "person", "personal_data", ...
  int benign = 0, benign_flagged = 0;                 // benign posts given any person.* finding
  std::map<std::string, std::map<std::string, Counts>> by_outcome;  // pack -> outcome -> counts
  std::map<std::string, std::pair<int, int>> agreement;             // pack -> (matching, labelled)
};

// Reads the labelled set (JSON lines); errors name the line.
std::expected<std::vector<LabelledPost>, Error> load_labelled_posts(const std::filesystem::path& path);

// Scores every post with every school (one per pack). The schools must share one
// identity and roster: each post is detected once, with the first school's matcher, then
// decided by every pack. Detector findings below `min_confidence` are not counted.
// `schools` must not be empty.
Evaluation evaluate(const std::vector<LabelledPost>& posts, const std::vector<const School*>& schools,
                    float min_confidence = 0.5f);

std::string render_evaluation(const Evaluation& evaluation, Format format);

}  // namespace smpolicy
