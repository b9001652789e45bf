// Derived fields: what smpolicy works out from the event, the pack and the roster, so
// rules can speak of "period is work_time" or "pictured.without_consent is true".
#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstdint>

#include "decide/facts.hpp"
#include "decide/same_bytes.hpp"

namespace smpolicy::facts {
namespace {

// Sets a choice-typed derived value by its word. The word goes into the room the value's
// text kept from the last event (assign_text), not through std::string's general assign:
// every post sets one or two.
void set_choice(Value& v, const FieldSpec& spec, std::string_view word) {
  auto it = std::find_if(spec.choices.begin(), spec.choices.end(),
                         [&](std::string_view choice) { return same_bytes(choice, word); });
  assert(it != spec.choices.end());
  v.type = Value::Type::text;
  v.choice = static_cast<int>(it - spec.choices.begin());
  assign_text(v.text, word);
}

void set_bool(Value& v, bool b) {
  v.type = Value::Type::boolean;
  v.boolean = b;
}

// The fields derive reads and writes. Each kind's slots for them are found once, not by
// name on every event (a search through the kind's fields, for each of a dozen names).
enum class Field : std::uint8_t {
  account, audience_below_platform_age, audience_min_age, category, channel, day, email, email_is_school,
  has_official_accounts, host, images_people, official_accounts, period, pictured_restricted, pictured_roles,
  pictured_unknown, pictured_without_consent, platform, platform_min_age, platform_type, purpose, time, count
};
constexpr std::array<std::string_view, static_cast<std::size_t>(Field::count)> k_field_names = {
    "account", "audience_below_platform_age", "audience_min_age", "category", "channel", "day", "email",
    "email_is_school", "has_official_accounts", "host", "images.people", "official_accounts", "period",
    "pictured.restricted", "pictured.roles", "pictured.unknown", "pictured.without_consent", "platform",
    "platform_min_age", "platform_type", "purpose", "time"};

struct Slots {
  std::array<int, static_cast<std::size_t>(Field::count)> at;  // -1 where the kind has none
  std::uint32_t derived = 0;  // a bit for each field the kind has as a derived one
};

// The slots of derive's fields in `kind`'s schema, and which of them are derived.
const Slots& slots_of(Kind kind) {
  static const std::array<Slots, k_kind_count> slots = [] {
    std::array<Slots, k_kind_count> all{};
    for (std::size_t k = 0; k < static_cast<std::size_t>(k_kind_count); ++k) {
      const KindSpec& spec = spec_of(static_cast<Kind>(k));
      for (std::size_t f = 0; f < k_field_names.size(); ++f) {
        int at = all[k].at[f] = spec.slot(k_field_names[f]);
        if (at >= 0 && spec.fields[static_cast<std::size_t>(at)].derived) all[k].derived |= std::uint32_t{1} << f;
      }
    }
    return all;
  }();
  return slots[static_cast<std::size_t>(kind)];
}

class Deriver {
 public:
  Deriver(Facts& facts, const Event& event, const Pack& pack, const Roster* roster)
      : m_facts(facts), m_event(event), m_pack(pack), m_roster(roster), m_spec(spec_of(event.kind)),
        m_slots(slots_of(event.kind)) {}

  void run() {
    point_slots();
    time_fields();
    platform_type();
    switch (m_event.kind) {
      case Kind::post: post(); break;
      case Kind::web_access: web_access(); break;
      case Kind::account: account(); break;
      case Kind::site_creation: site_creation(); break;
      case Kind::leaving: set_bool(fresh(Field::has_official_accounts), !input(Field::official_accounts).list.empty()); break;
      default: break;
    }
    // A derived field no path above made fresh would still hold the last event's value:
    // cleared here, so that no value outlives its event whatever path an event takes.
    for (std::uint32_t d = m_slots.derived & ~m_fresh; d; d &= d - 1) {
      Facts::clear(m_facts.derived[static_cast<std::size_t>(slot(static_cast<Field>(std::countr_zero(d))))]);
    }
  }

 private:
  // Points every slot at the event's own field, undoing the last event's `own`, but for
  // the derived fields derive sets, whose slots point at the Facts' values for them.
  void point_slots() {
    const Value* fields = m_event.fields.data();
    if (m_facts.fields == fields && m_facts.field_count == m_spec.fields.size() && m_facts.fields_kind == m_event.kind) {
      for (std::size_t k = 0; k < m_facts.local_used; ++k) {
        auto slot = static_cast<std::size_t>(m_facts.owned[k]);
        m_facts.slots[slot] = &fields[slot];
      }
    } else {
      for (std::size_t i = 0; i < m_spec.fields.size(); ++i) m_facts.slots[i] = &fields[i];
      // Every event of a kind sets each of these (see run), so none keeps the last's.
      for (std::uint32_t d = m_slots.derived; d; d &= d - 1) {
        auto at = static_cast<std::size_t>(slot(static_cast<Field>(std::countr_zero(d))));
        Facts::clear(m_facts.derived[at]);
        m_facts.slots[at] = &m_facts.derived[at];
      }
      m_facts.fields = fields;
      m_facts.field_count = m_spec.fields.size();
      m_facts.fields_kind = m_event.kind;
    }
    m_facts.local_used = 0;
  }

  int slot(Field field) const { return m_slots.at[static_cast<std::size_t>(field)]; }
  const Value& input(Field field) const { return m_event.fields[static_cast<std::size_t>(slot(field))]; }
  // A fresh value for `field`, an input field derive fills in, in place of the event's.
  Value& own(Field field) {
    assert(!(m_slots.derived >> static_cast<unsigned>(field) & 1));
    return m_facts.own(slot(field));
  }
  // A fresh value for `field`, one of the kind's derived fields, which no input sets.
  Value& fresh(Field field) {
    assert(m_slots.derived >> static_cast<unsigned>(field) & 1);
    m_fresh |= std::uint32_t{1} << static_cast<unsigned>(field);
    return m_facts.fresh(slot(field));
  }
  const FieldSpec& spec(Field field) const { return m_spec.fields[static_cast<std::size_t>(slot(field))]; }
  bool has(Field field) const { return slot(field) >= 0; }

  void time_fields() {
    if (!has(Field::period) || !has(Field::time)) return;
    const Value& time = input(Field::time);
    Value& period = fresh(Field::period);
    Value& day = fresh(Field::day);
    if (time.missing()) return;
    SchoolTime when = school_time(static_cast<std::int64_t>(time.number), m_pack.timetable);
    set_choice(period, spec(Field::period), when.period);
    set_choice(day, spec(Field::day), when.day);
  }

  // The catalogue's entry for the event's platform, looked up once per event.
  const Platform* platform() {
    if (!m_platform_looked_up) {
      m_platform_looked_up = true;
      if (has(Field::platform) && !input(Field::platform).missing()) m_platform = builtin_catalog().platform(input(Field::platform).text);
    }
    return m_platform;
  }

  void platform_type() {
    if (!has(Field::platform_type) || m_event.kind == Kind::web_access) return;
    if (!input(Field::platform_type).missing()) return;
    Value& v = own(Field::platform_type);
    if (const Platform* p = platform()) set_choice(v, spec(Field::platform_type), p->type);
  }

  void post() {
    if (input(Field::purpose).missing()) {
      set_choice(own(Field::purpose), spec(Field::purpose), same_bytes(input(Field::account).text, "official") ? "official" : "personal");
    }
    Value& channel = fresh(Field::channel);
    if (const Platform* p = platform()) {
      set_choice(channel, spec(Field::channel), same_bytes(p->type, "website") ? "website" : same_bytes(p->name, "print") ? "print" : "social");
    } else if (!input(Field::platform).missing()) {
      set_choice(channel, spec(Field::channel), "social");
    }
    pictured(channel);
  }

  void pictured(const Value& channel) {
    const auto& ids = input(Field::images_people).list;
    Value& roles = fresh(Field::pictured_roles);
    roles.type = Value::Type::list;
    Value& restricted = fresh(Field::pictured_restricted);
    Value& without_consent = fresh(Field::pictured_without_consent);
    Value& unknown = fresh(Field::pictured_unknown);
    bool any_unknown = false, any_restricted = false, any_without = false, consent_unclear = false;
    for (const auto& id : ids) {
      const Person* person = m_roster ? m_roster->find(id) : nullptr;
      if (!person) {
        any_unknown = true;
        continue;
      }
      roles.list.emplace_back(name_of(person->role));
      any_restricted |= person->restricted;
      if (person->role != Role::pupil) continue;
      if (!person->consent_known || channel.missing()) {
        consent_unclear = true;
      } else if (std::find(person->photo_consent.begin(), person->photo_consent.end(), channel.text) ==
                 person->photo_consent.end()) {
        any_without = true;
      }
    }
    set_bool(unknown, any_unknown);
    // An unknown face could be a restricted pupil: say so rather than answer "no".
    if (any_restricted || !any_unknown) set_bool(restricted, any_restricted);
    if (any_without || (!any_unknown && !consent_unclear)) set_bool(without_consent, any_without);
  }

  void web_access() {
    const Value& host = input(Field::host);
    if (input(Field::category).missing()) {
      Value& category = own(Field::category);
      category.type = Value::Type::text;
      category.text.assign(m_pack.category_of(host.text));
    }
    Value& type = fresh(Field::platform_type);
    if (const Platform* p = builtin_catalog().platform_by_host(host.text)) set_choice(type, spec(Field::platform_type), p->type);
  }

  void account() {
    Value& is_school = fresh(Field::email_is_school);
    const Value& email = input(Field::email);
    if (email.missing()) return;
    auto at = email.text.rfind('@');
    std::string_view domain = at == std::string::npos ? std::string_view() : std::string_view(email.text).substr(at + 1);
    bool school = std::any_of(m_pack.school.email_domains.begin(), m_pack.school.email_domains.end(), [&](const std::string& d) {
      return domain.size() >= d.size() && domain.ends_with(d) &&
             (domain.size() == d.size() || domain[domain.size() - d.size() - 1] == '.');
    });
    set_bool(is_school, school);
  }

  void site_creation() {
    Value& min_age = fresh(Field::platform_min_age);
    Value& below = fresh(Field::audience_below_platform_age);
    const Platform* p = platform();
    if (!p) return;
    min_age.type = Value::Type::number;
    min_age.number = p->min_age;
    const Value& audience = input(Field::audience_min_age);
    if (!audience.missing()) set_bool(below, audience.number < p->min_age);
  }

  Facts& m_facts;
  const Platform* m_platform = nullptr;
  bool m_platform_looked_up = false;
  const Event& m_event;
  const Pack& m_pack;
  const Roster* m_roster;
  const KindSpec& m_spec;
  const Slots& m_slots;
  std::uint32_t m_fresh = 0;  // the derived fields made fresh for this event, as Slots::derived
};

}  // namespace

void derive(Facts& facts, const Event& event, std::span<const Finding> findings, const Pack& pack,
            const Roster* roster) {
  assert(event.fields.size() <= k_max_fields);
  facts.kind = event.kind;
  facts.findings = findings;
  Deriver(facts, event, pack, roster).run();
}

}  // namespace smpolicy::facts

namespace smpolicy {
namespace {

constexpr std::string_view k_days[] = {"monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};

bool in_term(const LocalTime& local, const Timetable& tt) {
  if (tt.terms.empty()) return true;
  auto day = days_from_civil(local.year, static_cast<unsigned>(local.month), static_cast<unsigned>(local.day));
  return std::ranges::any_of(tt.terms, [day](const DateSpan& term) { return term.holds(day); });
}

std::string_view period_of(const LocalTime& local, const Timetable& tt) {
  if (!(tt.days & (1u << local.weekday)) || !in_term(local, tt)) return "outside_hours";
  int m = local.minute_of_day;
  if (m < tt.start || m >= tt.end) return "outside_hours";
  for (auto [from, to] : tt.breaks) {
    if (m >= from && m < to) return "break";
  }
  return "work_time";
}

}  // namespace

SchoolTime school_time(std::int64_t seconds, const Timetable& timetable) {
  LocalTime local = timetable.zone.local(seconds);
  return SchoolTime{period_of(local, timetable), k_days[local.weekday], local.weekday, local.minute_of_day / 60};
}

}  // namespace smpolicy
