#include "server/records_json.hpp"

namespace smpolicy::server {
namespace {

Error wrong(std::string_view name, std::string_view expected) {
  return Error{ErrorCode::invalid, "field " + std::string(name) + ": expected " + std::string(expected)};
}

}  // namespace

void write_person(JsonWriter& w, const Person& p) {
  w.begin_object()
      .field("id", p.id)
      .field("role", name_of(p.role))
      .field("given_name", p.given_name)
      .field("family_name", p.family_name)
      .field("preferred_name", p.preferred_name)
      .field("year_group", p.year_group)
      .field("restricted", p.restricted)
      .field("consent_known", p.consent_known)
      .key("photo_consent")
      .strings(p.photo_consent)
      .end_object();
}

void write_declaration(JsonWriter& w, const store::Declaration& d) {
  w.begin_object()
      .field("id", d.id)
      .field("staff", d.staff_id)
      .field("kind", store::name_of(d.kind))
      .field("about", d.about)
      .field("details", d.details)
      .field("declared", d.declared)
      .field("reviewed_by", d.reviewed_by)
      .field("reviewed", d.reviewed)
      .end_object();
}

void write_account(JsonWriter& w, const store::OfficialAccount& a) {
  w.begin_object()
      .field("id", a.id)
      .field("platform", a.platform)
      .field("handle", a.handle)
      .field("school_owned", a.school_owned)
      .key("custodians")
      .strings(a.custodians)
      .field("rotation_due", a.rotation_due)
      .field("updated", a.updated)
      .end_object();
}

void write_audit_entry(JsonWriter& w, const store::AuditEntry& e) {
  w.begin_object()
      .field("seq", e.seq)
      .field("time", e.time)
      .field("actor", e.actor)
      .field("action", e.action)
      .field("subject", e.subject)
      .key("details")
      .raw(e.details_json)
      .field("hash", e.hash)
      .end_object();
}

bool is_consent_channel(std::string_view channel) {
  return channel == "print" || channel == "website" || channel == "social";
}

std::expected<std::string, Error> text_member(const JsonFields& body, std::string_view name, bool required) {
  auto found = body.find(name);
  if (found == body.end()) {
    if (required) return std::unexpected(Error{ErrorCode::invalid, "field " + std::string(name) + " is required"});
    return std::string();
  }
  if (found->second.type != Value::Type::text) return std::unexpected(wrong(name, "a string"));
  return found->second.text;
}

std::expected<std::vector<std::string>, Error> list_member(const JsonFields& body, std::string_view name) {
  auto found = body.find(name);
  if (found == body.end()) return std::vector<std::string>();
  if (found->second.type != Value::Type::list) return std::unexpected(wrong(name, "a list of strings"));
  return found->second.list;
}

std::expected<bool, Error> bool_member(const JsonFields& body, std::string_view name, bool fallback) {
  auto found = body.find(name);
  if (found == body.end()) return fallback;
  if (found->second.type != Value::Type::boolean) return std::unexpected(wrong(name, "true or false"));
  return found->second.boolean;
}

}  // namespace smpolicy::server
