// server (private): records as JSON, and records read from JSON bodies with every wrong
// field named.
#pragma once

#include "event/event.hpp"
#include "server/respond.hpp"
#include "store/store.hpp"

namespace smpolicy::server {

void write_person(JsonWriter& w, const Person& p);
void write_declaration(JsonWriter& w, const store::Declaration& d);
void write_account(JsonWriter& w, const store::OfficialAccount& a);
void write_audit_entry(JsonWriter& w, const store::AuditEntry& e);

// The photo-consent channels a school records.
bool is_consent_channel(std::string_view channel);

// Reads a text member (required or not) of a JSON body; a wrong type fails naming it.
std::expected<std::string, Error> text_member(const JsonFields& body, std::string_view name, bool required);
std::expected<std::vector<std::string>, Error> list_member(const JsonFields& body, std::string_view name);
std::expected<bool, Error> bool_member(const JsonFields& body, std::string_view name, bool fallback);

}  // namespace smpolicy::server
