#include <algorithm>

#include "compare/compare.hpp"
#include "decide/decide.hpp"

namespace smpolicy {
namespace {

struct Scenario {
  std::string topic, question;
  std::string_view line;
  int number = 0;
};

std::vector<Scenario> load_scenarios() {
  std::vector<Scenario> out;
  if (auto text = embedded_file("data/scenarios.jsonl")) {
    for_each_line(*text, [&](std::string_view line, int number) {
      if (!line.empty()) out.push_back(Scenario{{}, {}, line, number});
    });
  }
  return out;
}

std::string with_school(std::string text, const Pack& pack) {
  const std::string key = "{school_domain}";
  std::string domain = pack.school.email_domains.empty() ? "school.example" : pack.school.email_domains.front();
  for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at)) text.replace(at, key.size(), domain);
  return text;
}

std::expected<Answer, Error> answer(Scenario& s, const Pack& pack) {
  auto wrapped = parse_wrapped_event(with_school(std::string(s.line), pack), s.number);
  if (!wrapped) return fail(ErrorCode::internal, "data/scenarios.jsonl:" + wrapped.error().message);
  s.topic = wrapped->label("topic");
  s.question = wrapped->label("question");
  Verdict v = decide(wrapped->event, wrapped->findings, pack, nullptr);
  Answer a;
  a.outcome = v.outcome;
  for (const auto& f : v.findings) {
    if (f.rule->outcome != v.outcome) continue;
    if (a.message.empty()) a.message = f.rule->message;
    for (const auto& c : f.rule->clauses) {
      if (std::find(a.clauses.begin(), a.clauses.end(), c) == a.clauses.end()) a.clauses.push_back(c);
    }
  }
  return a;
}

std::string cell(const Answer& a) {
  std::string clauses;
  for (const auto& c : a.clauses) clauses += (clauses.empty() ? "" : ",") + c;
  return std::string(name_of(a.outcome)) + " (" + clauses + ")";
}

std::string pad(std::string s, std::size_t width) {
  if (s.size() > width) return s.substr(0, width - 1) + "~";
  return s + std::string(width - s.size(), ' ');
}

void answer_json(std::string& out, const Answer& a) {
  out += "{\"outcome\":";
  append_json_string(out, name_of(a.outcome));
  out += ",\"clauses\":[";
  for (std::size_t i = 0; i < a.clauses.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, a.clauses[i]);
  }
  out += "],\"message\":";
  append_json_string(out, a.message);
  out += '}';
}

}  // namespace

std::expected<Comparison, Error> compare_packs(const Pack& a, const Pack& b) {
  auto scenarios = load_scenarios();
  if (scenarios.empty()) return fail(ErrorCode::internal, "data/scenarios.jsonl is not embedded");
  Comparison c{a.info.id, b.info.id, {}};
  for (auto& s : scenarios) {
    auto left = answer(s, a);
    if (!left) return std::unexpected(left.error());
    auto right = answer(s, b);
    if (!right) return std::unexpected(right.error());
    c.rows.push_back(ComparisonRow{s.topic, s.question, std::move(*left), std::move(*right)});
  }
  return c;
}

std::string render_comparison(const Comparison& c, Format format) {
  if (format == Format::json) {
    std::string out = "{\"a\":";
    append_json_string(out, c.a_id);
    out += ",\"b\":";
    append_json_string(out, c.b_id);
    out += ",\"rows\":[";
    for (std::size_t i = 0; i < c.rows.size(); ++i) {
      const auto& r = c.rows[i];
      out += i ? ",{" : "{";
      out += "\"topic\":";
      append_json_string(out, r.topic);
      out += ",\"question\":";
      append_json_string(out, r.question);
      out += ",\"differs\":";
      out += r.differs() ? "true" : "false";
      out += ",\"a\":";
      answer_json(out, r.a);
      out += ",\"b\":";
      answer_json(out, r.b);
      out += '}';
    }
    return out + "]}\n";
  }
  std::string out = "  " + pad("question", 62) + pad(c.a_id, 30) + c.b_id + "\n";
  std::string topic;
  int differing = 0;
  for (const auto& r : c.rows) {
    if (r.topic != topic) {
      topic = r.topic;
      out += "\n" + topic + "\n";
    }
    differing += r.differs();
    out += (r.differs() ? "* " : "  ") + pad(r.question, 62) + pad(cell(r.a), 30) + cell(r.b) + "\n";
  }
  out += "\n" + std::to_string(differing) + " of " + std::to_string(c.rows.size()) +
         " questions answered differently (marked *)\n";
  return out;
}

}  // namespace smpolicy
