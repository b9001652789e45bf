// decide: event + findings + pack -> verdict. The one place where policy is applied:
// every entry point (CLI, server, log reader) hands its events here.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/core.hpp"
#include "event/event.hpp"
#include "policy/policy.hpp"

namespace smpolicy {

// One rule that fired.
struct VerdictFinding {
  const Rule* rule = nullptr;
  std::uint64_t assumed = 0;  // bit per field slot whose absence made the rule fire
  int evidence = -1;          // index into the detector findings that satisfied the rule
};

struct VerdictDuty {
  const DutySpec* duty = nullptr;
  std::vector<const Rule*> from;  // the rules that create it (their clauses are cited)
};

// A verdict points into its pack: the pack must outlive it.
struct Verdict {
  const Pack* pack = nullptr;
  Kind kind = Kind::post;
  Outcome outcome = Outcome::allow;
  std::vector<VerdictFinding> findings;  // most serious first
  std::vector<VerdictDuty> duties;
  std::uint64_t missing = 0;  // union of the findings' assumed fields
};

// Applies every rule of `pack` for the event's kind. Fallback rules fire only when no
// other rule did, and a fallback for `on = "any"` only when no fallback for the event's
// own kind did; the outcome is the most serious finding's; duties are merged. A pack
// that loaded always yields at least one finding, so every verdict cites a clause.
// `roster` may be null: fields that need it are then unknown.
Verdict decide(const Event& event, std::span<const Finding> findings, const Pack& pack,
               const Roster* roster);

// The same into `verdict`, whatever it held, reusing its room: a batch decides every post
// into one verdict.
void decide(const Event& event, std::span<const Finding> findings, const Pack& pack,
            const Roster* roster, Verdict& verdict);

// Where a moment falls in the school's week, in the timetable's time zone (DST-correct):
// the same derivation the `period` and `day` fields of events get. `period` is
// "work_time", "break" or "outside_hours"; `day` is "monday" ... "sunday".
struct SchoolTime {
  std::string_view period, day;
  int weekday = 0;  // 0 = Monday
  int hour = 0;     // 0 ... 23, local
};
SchoolTime school_time(std::int64_t seconds, const Timetable& timetable);

// The names of the fields set in a mask (Verdict::missing, VerdictFinding::assumed).
std::vector<std::string_view> field_names(Kind kind, std::uint64_t mask);

// A duty in words, with the pack's own title for the role: "Tell the Head of School".
std::string describe_duty(const DutySpec& duty, const Pack& pack);

// How much a JSON verdict carries: the verdict alone, or also "detected", every detector
// finding with its kind, field, span in the original text, text, confidence and detail.
enum class JsonDetail { verdict, with_detected };

// One verdict as one line of JSON (DESIGN.md's contract, plus "advice", "assumed",
// "missing", each duty's "text", and the event's "id" when it carried one).
std::string render_json(const Verdict& verdict, const Event& event, std::span<const Finding> findings,
                        JsonDetail detail = JsonDetail::verdict);

// The same, appended to `out`, so a batch renders without a string per verdict.
void append_json(std::string& out, const Verdict& verdict, const Event& event, std::span<const Finding> findings,
                 JsonDetail detail = JsonDetail::verdict);

// Writes the verdicts of one pack as append_json does, byte for byte, with the parts that
// depend on the pack alone (its id with each kind and outcome; each rule's id, clauses,
// outcome, severity, message and advice; each duty's action, who and text) rendered
// once, up front, so a batch mostly copies bytes. Never changed once built, so threads
// may share one. `pack` must outlive it; a verdict of another pack is written the slow way.
class JsonRenderer {
 public:
  explicit JsonRenderer(const Pack& pack);
  void append(std::string& out, const Verdict& verdict, const Event& event, std::span<const Finding> findings,
              JsonDetail detail = JsonDetail::verdict) const;

  struct RuleParts {
    std::string head;        // {"rule":…,"clauses":[…],…,"message":…[,"advice":…]
    std::vector<std::string> clause;  // each of its clauses as a JSON string
    std::vector<std::uint32_t> clause_id;  // each of its clauses' number among the pack's
    std::size_t first_duty;  // its duties' parts start here in `duties`
  };
  struct DutyParts {
    std::string head;  // {"action":…,"who":…,"clauses":[
    std::string tail;  // ],"text":…}
    std::string alone;  // the whole duty where its rule alone is behind it, as most are
  };

 private:
  const Pack* m_pack;
  std::vector<std::string> m_heads;  // "policy":…,"kind":…,"outcome":…,"findings":[ by kind, then outcome
  std::vector<RuleParts> m_rules;  // by index in the pack's rules
  std::vector<DutyParts> m_duties;
};

// One verdict for people: outcome, each finding with its clauses, what to do instead,
// and the duties. `colour` adds ANSI colours for a terminal.
std::string render_text(const Verdict& verdict, const Event& event,
                        std::span<const Finding> findings, bool colour);

}  // namespace smpolicy
