// The field tables of every event kind (docs/packs.md is their prose form).
#include <array>
#include <cassert>

#include "event/event.hpp"

namespace smpolicy {
namespace {

using T = FieldType;
using C = std::span<const std::string_view>;

constexpr std::string_view k_account[] = {"personal", "official"};
constexpr std::string_view k_audience[] = {"public", "friends", "group", "private"};
constexpr std::string_view k_network[] = {"school", "other"};
constexpr std::string_view k_device[] = {"school", "personal"};
constexpr std::string_view k_purpose[] = {"personal", "official"};
constexpr std::string_view k_contact_purpose[] = {"personal", "professional"};
constexpr std::string_view k_period[] = {"work_time", "break", "outside_hours"};
constexpr std::string_view k_day[] = {"monday", "tuesday", "wednesday", "thursday",
                                      "friday", "saturday", "sunday"};
constexpr std::string_view k_platform_type[] = {"social", "professional", "messaging", "video",
                                                "encyclopaedia", "website", "email", "other"};
constexpr std::string_view k_channel[] = {"social", "website", "print"};
constexpr std::string_view k_action[] = {"friend_request_received", "friend_request_sent",
                                         "accept", "follow", "message_sent", "message_received"};
constexpr std::string_view k_role[] = {"pupil", "former_pupil", "parent",
                                       "colleague", "family", "public"};
constexpr std::string_view k_school[] = {"this", "other"};
constexpr std::string_view k_account_action[] = {"signup", "profile"};
constexpr std::string_view k_privacy[] = {"strict", "standard", "open"};
constexpr std::string_view k_capacity[] = {"personal", "official"};
constexpr std::string_view k_incident[] = {"harassment", "abuse", "threat", "cyberbullying",
                                           "misuse", "indecent_image", "grooming_concern",
                                           "disparaging_content"};
constexpr std::string_view k_by[] = {"pupil", "former_pupil", "parent", "staff", "public",
                                     "unknown"};
constexpr std::string_view k_target[] = {"staff", "pupil", "school", "parent"};

// Shorthands keep the tables readable: one line a field.
constexpr FieldSpec text(std::string_view n) { return {n, T::text, {}, false, false, false, {}}; }
constexpr FieldSpec scanned(std::string_view n) { return {n, T::text, {}, false, false, true, {}}; }
constexpr FieldSpec required_text(std::string_view n) { return {n, T::text, {}, true, false, false, {}}; }
constexpr FieldSpec choice(std::string_view n, C c, std::string_view fallback = {}) {
  return {n, T::choice, c, false, false, false, fallback};
}
constexpr FieldSpec required_choice(std::string_view n, C c) { return {n, T::choice, c, true, false, false, {}}; }
constexpr FieldSpec boolean(std::string_view n, std::string_view fallback = {}) {
  return {n, T::boolean, {}, false, false, false, fallback};
}
constexpr FieldSpec number(std::string_view n) { return {n, T::number, {}, false, false, false, {}}; }
constexpr FieldSpec time(std::string_view n) { return {n, T::time, {}, false, false, false, {}}; }
constexpr FieldSpec required_time(std::string_view n) { return {n, T::time, {}, true, false, false, {}}; }
constexpr FieldSpec date(std::string_view n) { return {n, T::date, {}, false, false, false, {}}; }
constexpr FieldSpec list(std::string_view n) { return {n, T::list, {}, false, false, false, {}}; }
constexpr FieldSpec derived(std::string_view n, T t, C c = {}) { return {n, t, c, false, true, false, {}}; }

constexpr FieldSpec k_period_f = derived("period", T::choice, k_period);
constexpr FieldSpec k_day_f = derived("day", T::choice, k_day);
constexpr FieldSpec k_findings_f = derived("findings", T::findings);

constexpr FieldSpec k_post[] = {
    required_choice("account", k_account), text("platform"),
    choice("platform_type", k_platform_type), choice("audience", k_audience, "public"),
    scanned("text"), list("images.path"), list("images.people"), list("images.shows"),
    list("links"), text("author"), time("time"), choice("network", k_network, "other"),
    choice("device", k_device, "personal"), choice("purpose", k_purpose), text("approved_by"),
    k_period_f, k_day_f, k_findings_f, derived("channel", T::choice, k_channel),
    derived("pictured.roles", T::list), derived("pictured.restricted", T::boolean),
    derived("pictured.without_consent", T::boolean), derived("pictured.unknown", T::boolean)};
constexpr FieldSpec k_contact[] = {
    text("staff"), required_choice("action", k_action), text("platform"),
    choice("platform_type", k_platform_type), required_choice("counterpart.role", k_role),
    number("counterpart.age"), choice("counterpart.school", k_school), date("counterpart.left_on"),
    boolean("counterpart.related_to_staff"), choice("purpose", k_contact_purpose),
    text("agreed_by"), time("time"), k_period_f, k_day_f};
constexpr FieldSpec k_web_access[] = {
    required_text("user"), required_time("time"), required_text("host"), text("url"),
    text("method"), choice("network", k_network, "school"), choice("device", k_device),
    text("category"), text("permission"), k_period_f, k_day_f,
    derived("platform_type", T::choice, k_platform_type)};
constexpr FieldSpec k_account_f[] = {
    text("staff"), required_choice("action", k_account_action), text("platform"),
    choice("platform_type", k_platform_type), text("email"), scanned("profile_text"),
    text("permission"), derived("email_is_school", T::boolean), k_findings_f};
constexpr FieldSpec k_site_creation[] = {
    text("staff"), text("platform"), choice("platform_type", k_platform_type),
    number("audience_min_age"), text("purpose"), text("authorised_by"),
    choice("privacy", k_privacy), time("time"), derived("platform_min_age", T::number),
    derived("audience_below_platform_age", T::boolean)};
constexpr FieldSpec k_edit[] = {
    text("staff"), text("platform"), choice("platform_type", k_platform_type),
    choice("network", k_network), choice("capacity", k_capacity), time("time"), k_period_f,
    k_day_f};
constexpr FieldSpec k_group_join[] = {
    text("staff"), text("platform"), scanned("group.name"), scanned("group.description"),
    time("time"), k_findings_f};
constexpr FieldSpec k_reference[] = {
    text("staff"), text("platform"), choice("platform_type", k_platform_type), text("about"),
    time("time")};
constexpr FieldSpec k_recruitment_search[] = {
    text("staff"), text("candidate"), text("platform"), text("purpose"), time("time")};
constexpr FieldSpec k_press_enquiry[] = {
    text("staff"), text("platform"), text("from"), boolean("responded", "false"),
    text("approved_by"), time("time")};
constexpr FieldSpec k_photo_capture[] = {
    text("staff"), required_choice("device", k_device), choice("purpose", k_purpose),
    text("device_approved_by"), boolean("deleted_after_upload"), time("time")};
constexpr FieldSpec k_leaving[] = {
    text("staff"), date("date"), list("official_accounts"), boolean("credentials_handed_over"),
    derived("has_official_accounts", T::boolean)};
constexpr FieldSpec k_incident_f[] = {
    text("staff"), required_choice("type", k_incident), choice("by", k_by),
    choice("target", k_target), list("evidence"), boolean("engaged"), time("time")};

constexpr std::array<KindSpec, k_kind_count> k_specs = {{
    {Kind::post, k_post},
    {Kind::contact, k_contact},
    {Kind::web_access, k_web_access},
    {Kind::account, k_account_f},
    {Kind::site_creation, k_site_creation},
    {Kind::edit, k_edit},
    {Kind::group_join, k_group_join},
    {Kind::reference, k_reference},
    {Kind::recruitment_search, k_recruitment_search},
    {Kind::press_enquiry, k_press_enquiry},
    {Kind::photo_capture, k_photo_capture},
    {Kind::leaving, k_leaving},
    {Kind::incident, k_incident_f},
}};

constexpr std::array<std::string_view, k_kind_count> k_kind_names = {
    "post", "contact", "web_access", "account", "site_creation", "edit", "group_join",
    "reference", "recruitment_search", "press_enquiry", "photo_capture", "leaving", "incident"};

constexpr std::string_view k_finding_kinds[] = {
    "person.pupil", "person.staff", "person.parent", "person.governor",
    "personal_data.phone", "personal_data.email", "personal_data.postcode",
    "personal_data.address", "personal_data.date_of_birth", "personal_data.nhs_number",
    "personal_data.ni_number", "school.name", "school.contact", "staff_cue",
    "language.profanity", "language.slur", "language.insult", "language.threat",
    "language.derogatory", "topic.politics", "topic.religion", "topic.health",
    "topic.internal", "topic.gossip", "topic.chain_mail", "topic.anger", "disclaimer", "link",
    "link.shortener"};

}  // namespace

std::string_view name_of(Kind kind) { return k_kind_names[static_cast<int>(kind)]; }

std::optional<Kind> parse_kind(std::string_view text) {
  for (int i = 0; i < k_kind_count; ++i) {
    if (k_kind_names[i] == text) return static_cast<Kind>(i);
  }
  return std::nullopt;
}

const KindSpec& spec_of(Kind kind) { return k_specs[static_cast<int>(kind)]; }

namespace {

// The slots of each kind whose field has `Flag` set.
template <bool FieldSpec::*Flag>
const std::vector<std::size_t>& slots_where(Kind kind) {
  static const auto k_slots = [] {
    std::array<std::vector<std::size_t>, k_kind_count> all;
    for (int k = 0; k < k_kind_count; ++k) {
      const auto& spec = spec_of(static_cast<Kind>(k));
      for (std::size_t i = 0; i < spec.fields.size(); ++i) {
        if (spec.fields[i].*Flag) all[static_cast<std::size_t>(k)].push_back(i);
      }
    }
    return all;
  }();
  return k_slots[static_cast<std::size_t>(kind)];
}

}  // namespace

const std::vector<std::size_t>& required_slots(Kind kind) { return slots_where<&FieldSpec::required>(kind); }
const std::vector<std::size_t>& scanned_slots(Kind kind) { return slots_where<&FieldSpec::scanned>(kind); }

int KindSpec::slot(std::string_view name) const {
  // Names of one length mostly differ in their last letter ("text" and "time"), so that
  // is looked at before the whole name is compared, which is a call to the C library.
  for (std::size_t i = 0; i < fields.size(); ++i) {
    std::string_view field = fields[i].name;
    if (field.size() == name.size() && (name.empty() || field.back() == name.back()) && field == name) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

const Value& Event::field(std::string_view name) const {
  int slot = spec_of(kind).slot(name);
  assert(slot >= 0);
  return fields[static_cast<std::size_t>(slot)];
}

Value& Event::field(std::string_view name) {
  int slot = spec_of(kind).slot(name);
  assert(slot >= 0);
  return fields[static_cast<std::size_t>(slot)];
}

bool kind_under(std::string_view kind, std::string_view prefix) {
  return kind.starts_with(prefix) &&
         (kind.size() == prefix.size() || kind[prefix.size()] == '.');
}

std::span<const std::string_view> finding_kinds() { return k_finding_kinds; }

}  // namespace smpolicy
