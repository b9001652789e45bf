// The audit chain, independent of any back end: how an entry is hashed and how the
// chain is checked.
#include <charconv>
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
      return AuditCheck{false, check.entries, at, std::move(why), 0, ""};
    };
    // A gap means rows were removed; the first missing number is the broken link.
    if (e.seq != expected) return broken(expected, "entry missing");
    if (audit_hash(e) != e.hash) return broken(e.seq, "content changed");
    // The entry is whole but does not follow the one before it: entries were moved, or
    // the one before was rewritten with a fresh hash.
    if (e.prev_hash != prev) return broken(e.seq, "chain reordered");
    prev = e.hash;
    ++check.entries;
    check.head_seq = e.seq;
    check.head_hash = e.hash;
  }
  return check;
}

std::expected<AuditAnchor, Error> parse_audit_anchor(std::string_view text) {
  auto colon = text.find(':');
  AuditAnchor anchor;
  auto seq = colon == std::string_view::npos ? std::string_view() : text.substr(0, colon);
  auto [end, ec] = std::from_chars(seq.data(), seq.data() + seq.size(), anchor.seq);
  anchor.hash = colon == std::string_view::npos ? "" : std::string(text.substr(colon + 1));
  bool hex = anchor.hash.size() == 64 && anchor.hash.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (seq.empty() || ec != std::errc() || end != seq.data() + seq.size() || anchor.seq <= 0 || !hex) {
    return fail(ErrorCode::parse, "'" + std::string(text) + "' is not a noted head (SEQ:HASH, as `audit verify` prints it)");
  }
  return anchor;
}

std::expected<AuditCheck, Error> verify_audit_against(Store& store, const AuditAnchor& anchor) {
  auto check = store.verify_audit();
  if (!check || !check->intact) return check;
  auto broken = [&](std::int64_t at, std::string why) { return AuditCheck{false, check->entries, at, std::move(why), 0, ""}; };
  if (anchor.seq > check->head_seq) {
    return broken(check->head_seq + 1, "entries removed: the log ends at entry " + std::to_string(check->head_seq) +
                                          " but entry " + std::to_string(anchor.seq) + " was noted");
  }
  auto noted = store.audit_entry(anchor.seq);
  if (!noted) return std::unexpected(noted.error());
  if (!*noted || (*noted)->hash != anchor.hash) {
    return broken(anchor.seq, "chain rebuilt: entry " + std::to_string(anchor.seq) + " is not the one noted");
  }
  return check;
}

std::string genesis_hash() { return std::string(64, '0'); }

std::expected<AuditCheck, Error> check_audit(Store& store, std::string_view noted_head) {
  if (noted_head.empty()) return store.verify_audit();
  auto anchor = parse_audit_anchor(noted_head);
  if (!anchor) return std::unexpected(anchor.error());
  return verify_audit_against(store, *anchor);
}

}  // namespace smpolicy::store
