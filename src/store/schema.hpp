// store (private): the schema of each SQL dialect as an ordered list of migrations.
#pragma once

#include <span>
#include <string>

#include "store/sql.hpp"

namespace smpolicy::store {

// Migration N (1-based) is element N-1 and brings the schema from version N-1 to N; both
// dialects have the same versions with the same tables. Append new migrations; never edit
// one that has shipped, since databases in use already ran it.
std::span<const std::string> schema_migrations(Dialect dialect);

}  // namespace smpolicy::store
