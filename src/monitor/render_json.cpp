// The report as one JSON object, for programs.
#include "monitor/render.hpp"

namespace smpolicy::monitor {
namespace {

class Json {
 public:
  std::string out;
  Json& key(std::string_view k) {
    comma();
    append_json_string(out, k);
    out += ':';
    m_first = true;
    m_after_key = true;
    return *this;
  }
  Json& str(std::string_view v) { return raw_value([&] { append_json_string(out, v); }); }
  Json& num(std::uint64_t v) { return raw_value([&] { out += std::to_string(v); }); }
  Json& num(std::int64_t v) { return raw_value([&] { out += std::to_string(v); }); }
  Json& boolean(bool v) { return raw_value([&] { out += v ? "true" : "false"; }); }
  Json& open(char c) {
    comma();
    out += c;
    m_first = true;
    m_after_key = false;
    return *this;
  }
  Json& close(char c) {
    out += c;
    m_first = false;
    return *this;
  }

 private:
  void comma() {
    if (!m_first && !m_after_key) out += ',';
    m_after_key = false;
    m_first = false;
  }
  template <class F>
  Json& raw_value(F f) {
    comma();
    f();
    return *this;
  }
  bool m_first = true, m_after_key = false;
};

void counts(Json& j, const Counts& c) {
  j.key("visits").num(c.visits).key("hits").num(c.hits).key("outcomes").open('{');
  for (std::size_t i = 0; i < c.outcomes.size(); ++i) j.key(name_of(static_cast<Outcome>(i))).num(c.outcomes[i]);
  j.close('}');
}

void totals(Json& j, const Totals& t) {
  j.key("lines").open('{').key("read").num(t.lines).key("blank").num(t.blank).key("unreadable").num(t.malformed)
      .key("too_long").num(t.too_long).key("out_of_order").num(t.out_of_order).key("without_user").num(t.without_user)
      .key("blocked").num(t.blocked).key("no_response").num(t.no_response).key("no_host").num(t.no_host)
      .key("duplicates").num(t.duplicates)
      .key("hits").num(t.hits).key("visits").num(t.visits).key("edits").num(t.edits).close('}');
}

void tables(Json& j, const Report& r) {
  j.key("people").open('[');
  for (const auto& p : r.people) {
    j.open('{').key("who").str(p.who).key("known").boolean(p.known).key("logged_as").str(p.logged_as);
    counts(j, p.counts);
    j.key("blocked").num(p.blocked).key("edits").num(p.edits).close('}');
  }
  j.close(']').key("categories").open('[');
  for (const auto& c : r.categories) {
    j.open('{').key("category").str(c.category);
    counts(j, c.counts);
    j.key("people").num(c.people).close('}');
  }
  j.close(']').key("sites").open('[');
  for (const auto& s : r.sites) {
    j.open('{').key("site").str(s.site).key("category").str(s.category);
    counts(j, s.counts);
    j.key("people").num(s.people).close('}');
  }
  j.close(']').key("heat_map").open('{').key("zone").str(r.zone.name()).key("days").open('[');
  for (std::size_t d = 0; d < 7; ++d) {
    j.open('{').key("day").str(day_name(static_cast<int>(d))).key("visits").open('[');
    for (auto n : r.heat[d]) j.num(n);
    j.close(']').key("flagged").open('[');
    for (auto n : r.heat_flagged[d]) j.num(n);
    j.close(']').close('}');
  }
  j.close(']').close('}');
}

void visits(Json& j, const Report& r) {
  j.key("rules").open('[');
  for (const auto& rule : r.rules) {
    j.open('{').key("rule").str(rule.id).key("outcome").str(name_of(rule.outcome)).key("severity").str(name_of(rule.severity))
        .key("visits").num(rule.visits).key("clauses").open('[');
    for (const auto& c : rule.clauses) j.str(c);
    j.close(']').key("message").str(rule.message).key("advice").str(rule.advice).close('}');
  }
  j.close(']').key("flagged").open('[');
  for (const auto& v : r.flagged) {
    j.open('{').key("who").str(r.people[v.person].who).key("site").str(r.sites[v.site].site).key("start").str(local_text(r.zone, v.start))
        .key("end").str(local_text(r.zone, v.end)).key("start_epoch").num(v.start).key("hits").num(std::uint64_t{v.hits})
        .key("period").str(v.period).key("outcome").str(name_of(v.outcome)).key("rule").str(r.rules[v.rule].id).close('}');
  }
  j.close(']').key("edits").open('[');
  for (const auto& e : r.edits) {
    j.open('{').key("who").str(r.people[e.person].who).key("site").str(r.sites[e.site].site).key("time").str(local_text(r.zone, e.time))
        .key("edits").num(std::uint64_t{e.edits}).key("url").str(e.url).key("outcome").str(name_of(e.outcome)).close('}');
  }
  j.close(']').key("problems").open('[');
  for (const auto& p : r.problems) {
    j.open('{').key("what").str(p.what).key("count").num(p.count).key("examples").open('[');
    for (const auto& e : p.examples) {
      j.open('{').key("source").str(e.source).key("line").num(e.line).key("why").str(e.why).key("excerpt").str(e.excerpt).close('}');
    }
    j.close(']').close('}');
  }
  j.close(']');
}

}  // namespace

std::string render_json(const Report& r) {
  Json j;
  j.open('{').key("policy").str(r.policy).key("school").str(r.school).key("zone").str(r.zone.name())
      .key("gap_seconds").num(r.gap_seconds).key("first").str(local_text(r.zone, r.first)).key("last").str(local_text(r.zone, r.last));
  j.key("terms").open('[');
  for (const auto& term : r.timetable.terms) {
    j.str(format_utc(term.first * 86400).substr(0, 10) + "/" + format_utc(term.last * 86400).substr(0, 10));
  }
  j.close(']');
  j.key("sources").open('[');
  for (const auto& [name, format] : r.sources) j.open('{').key("name").str(name).key("format").str(name_of(format)).close('}');
  j.close(']');
  totals(j, r.totals);
  tables(j, r);
  visits(j, r);
  j.close('}');
  return j.out + "\n";
}

}  // namespace smpolicy::monitor
