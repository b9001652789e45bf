// The audit chain, independent of any back end: how an entry is hashed and how the
// chain is checked.
#include <cstdint>

#include "crypto/crypto.hpp"
#include "store/store.hpp"

namespace smpolicy::store {
namespace {

// Each field as an 8-byte little-endian length followed by its bytes, so no two
// different entries serialise alike ("ab","c" differs from "a","bc").
void append_field(std::string& out, std::string_view field) {
  std::uint64_t size = field.size();
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((size >> (8 * i)) & 0xff));
  out.append(field);
}

}  // namespace

std::string audit_hash(const AuditEntry& e) {
  std::string bytes;
  append_field(bytes, std::to_string(e.seq));
  for (const std::string* field : {&e.school_id, &e.time, &e.actor, &e.action, &e.subject,
                                   &e.details_json, &e.prev_hash}) {
    append_field(bytes, *field);
  }
  return crypto::blake2b_hex(bytes);
}

AuditCheck verify_chain(std::span<const AuditEntry> entries) {
  AuditCheck check;
  std::string prev = genesis_hash();
  for (const AuditEntry& e : entries) {
    std::int64_t expected = check.entries + 1;
    auto broken = [&](std::int64_t at, std::string why) {
      return AuditCheck{false, check.entries, at, std::move(why)};
    };
    // A gap means rows were removed; the first missing number is the broken link.
    if (e.seq != expected) return broken(expected, "entry missing");
    if (audit_hash(e) != e.hash) return broken(e.seq, "content changed");
    // The entry is whole but does not follow the one before it: entries were moved, or
    // the one before was rewritten with a fresh hash.
    if (e.prev_hash != prev) return broken(e.seq, "chain reordered");
    prev = e.hash;
    ++check.entries;
  }
  return check;
}

std::string genesis_hash() { return std::string(64, '0'); }

}  // namespace smpolicy::store
