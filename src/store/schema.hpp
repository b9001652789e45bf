// store (private): the SQLite schema as an ordered list of migrations.
#pragma once

#include <span>
#include <string_view>

namespace smpolicy::store {

// Migration N (1-based) is element N-1 and brings the schema from version N-1 to N.
// Append new migrations (consents, declarations, official accounts, acknowledgements);
// never edit one that has shipped, since databases in use already ran it.
std::span<const std::string_view> sqlite_migrations();

}  // namespace smpolicy::store
