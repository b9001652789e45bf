// The one file that sees Vectorscan (Hyperscan's portable fork).
#include <hs/hs.h>

#include <algorithm>
#include <atomic>
#include <cassert>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <utility>
#include <vector>

#include "detect/pattern_set.hpp"

namespace smpolicy {

struct PatternSet::Impl {
  std::uint64_t serial = 0;  // never reused, unlike an address, so a thread's cached scratch stays valid
  hs_database_t* database = nullptr;
  // Each pattern alone, with start-of-match tracking, by pattern id.
  // Empty when any failed to compile; `scan_near` then runs the whole set.
  std::vector<hs_database_t*> singles;
  // The most bytes a match of each pattern spans, by pattern id; k_unbounded where there
  // is no bound (a pattern with '*' or '+') or the library could not say.
  std::vector<unsigned> widths;
  hs_scratch_t* prototype = nullptr;  // cloned once per thread; fits every database
  ~Impl() {
    hs_free_scratch(prototype);
    for (hs_database_t* single : singles) hs_free_database(single);
    hs_free_database(database);
  }
};

namespace {

// Each thread keeps its own scratch per database, created on first use. A process has a
// set or two, so a short list searched in order beats a hash map (two look-ups a post).
hs_scratch_t* scratch_for(const PatternSet::Impl& impl) {
  struct Scratches {
    std::vector<std::pair<std::uint64_t, hs_scratch_t*>> by_set;
    ~Scratches() {
      for (auto& [set, scratch] : by_set) hs_free_scratch(scratch);
    }
  };
  thread_local Scratches cache;
  for (auto& [set, scratch] : cache.by_set) {
    if (set == impl.serial) return scratch;
  }
  hs_scratch_t* scratch = nullptr;
  hs_clone_scratch(impl.prototype, &scratch);
  cache.by_set.emplace_back(impl.serial, scratch);
  return scratch;
}

struct Context {
  PatternSet::Callback on_match;
};

int on_event(unsigned id, unsigned long long from, unsigned long long to, unsigned, void* user) {
  auto* context = static_cast<Context*>(user);
  context->on_match.call(context->on_match.target, id, static_cast<std::size_t>(from), static_cast<std::size_t>(to));
  return 0;
}

std::expected<void, Error> allocate(PatternSet::Impl& impl) {
  bool ok = hs_alloc_scratch(impl.database, &impl.prototype) == HS_SUCCESS;
  for (hs_database_t* single : impl.singles) ok = ok && hs_alloc_scratch(single, &impl.prototype) == HS_SUCCESS;
  if (!ok) return fail(ErrorCode::internal, "cannot allocate matcher scratch space");
  return {};
}

// Compiled databases are kept on disk between runs: compiling the lexicon takes a few
// tenths of a second at every start, loading it a millisecond. They live in
// $XDG_CACHE_HOME/smpolicy (or ~/.cache/smpolicy), named by a hash of everything that went
// into the compile and the library's version. SMPOLICY_NO_CACHE=1 turns this off; a
// cache that cannot be read or written is simply not used.
std::filesystem::path cache_dir() {
  auto set = [](const char* name) -> const char* {
    const char* value = std::getenv(name);
    return value && *value ? value : nullptr;
  };
  if (set("SMPOLICY_NO_CACHE")) return {};
  if (const char* dir = set("XDG_CACHE_HOME")) return std::filesystem::path(dir) / "smpolicy";
  if (const char* home = set("HOME")) return std::filesystem::path(home) / ".cache" / "smpolicy";
  return {};
}

// FNV-1a over the library version, this machine's processor features (a database
// compiled elsewhere may load here, but run slower), the compile's flags and every expression.
std::string cache_name(std::string_view what, const std::vector<std::string>& expressions, unsigned flags) {
  std::uint64_t h = 14695981039346656037ull;
  auto mix = [&](std::string_view bytes) {
    for (char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    h = (h ^ 0xFF) * 1099511628211ull;  // a separator no expression contains
  };
  mix(hs_version());
  hs_platform_info_t platform{};
  if (hs_populate_platform(&platform) == HS_SUCCESS) mix(std::to_string(platform.tune) + "/" + std::to_string(platform.cpu_features));
  mix(std::to_string(flags));
  for (const auto& e : expressions) mix(e);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return std::string(what) + "-" + hex + ".hsdb";
}

// A cached file's bytes, or "" where it cannot be read.
std::string load_bytes(const std::filesystem::path& file) { return read_file(file).value_or(std::string()); }

// Written whole or not at all (write_file_atomic); a cache that cannot be written is only
// slower, so a failure is not reported.
void save_bytes(const std::filesystem::path& file, std::string_view bytes) {
  std::error_code ignored;
  std::filesystem::create_directories(file.parent_path(), ignored);
  (void)write_file_atomic(file, bytes);
}

hs_database_t* load_cached(const std::filesystem::path& file) {
  std::string bytes = load_bytes(file);
  hs_database_t* database = nullptr;
  // The library checks the bytes and that they were compiled for this machine.
  if (bytes.empty() || hs_deserialize_database(bytes.data(), bytes.size(), &database) != HS_SUCCESS) return nullptr;
  return database;
}

void save_cached(const std::filesystem::path& file, const hs_database_t* database) {
  char* bytes = nullptr;
  std::size_t length = 0;
  if (hs_serialize_database(database, &bytes, &length) != HS_SUCCESS) return;
  save_bytes(file, std::string_view(bytes, length));
  std::free(bytes);
}

// The database from the cache, or from `compile` (which returns nullptr and sets its own
// error on failure), then saved there.
template <typename Compile>
hs_database_t* cached(const std::string& name, Compile compile) {
  std::filesystem::path dir = cache_dir();
  if (!dir.empty()) {
    if (hs_database_t* database = load_cached(dir / name)) return database;
  }
  hs_database_t* database = compile();
  if (database && !dir.empty()) save_cached(dir / name, database);
  return database;
}

// Each pattern compiled alone, reporting its own index as its id; empty if any fails.
std::vector<hs_database_t*> compile_singles(const std::vector<std::string>& patterns, unsigned flags) {
  std::vector<hs_database_t*> singles;
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    auto id = static_cast<unsigned>(i);
    // The id is part of the database, so it is part of the name.
    hs_database_t* single = cached(cache_name("pattern" + std::to_string(i), {patterns[i]}, flags), [&] {
      hs_database_t* database = nullptr;
      hs_compile_error_t* ignored = nullptr;
      const char* expression = patterns[i].c_str();
      hs_compile_multi(&expression, &flags, &id, 1, HS_MODE_BLOCK, nullptr, &database, &ignored);
      hs_free_compile_error(ignored);
      return database;
    });
    if (!single) {
      for (hs_database_t* made : singles) hs_free_database(made);
      return {};
    }
    singles.push_back(single);
  }
  return singles;
}

constexpr unsigned k_unbounded = UINT_MAX;

// The library works a width out by most of a compile, so the widths are cached as the
// databases are: as their bytes, in a file named after everything that went into them.
std::vector<unsigned> widths_of(const std::vector<std::string>& patterns, unsigned flags) {
  const std::filesystem::path dir = cache_dir();
  const std::filesystem::path file = dir.empty() ? dir : dir / cache_name("widths", patterns, flags);
  std::vector<unsigned> widths(patterns.size());
  const std::size_t size = widths.size() * sizeof(unsigned);
  if (std::string bytes = dir.empty() ? "" : load_bytes(file); bytes.size() == size && size > 0) {
    std::memcpy(widths.data(), bytes.data(), size);
    return widths;
  }
  widths.clear();
  for (const auto& pattern : patterns) {
    hs_expr_info_t* info = nullptr;
    hs_compile_error_t* ignored = nullptr;
    bool known = hs_expression_info(pattern.c_str(), flags, &info, &ignored) == HS_SUCCESS && info;
    widths.push_back(known ? info->max_width : k_unbounded);
    std::free(info);  // the library's allocator for it is malloc's
    hs_free_compile_error(ignored);
  }
  if (!dir.empty()) save_bytes(file, std::string_view(reinterpret_cast<const char*>(widths.data()), size));
  return widths;
}

// The part of `text` that every match overlapping [begin, end) of a pattern at most
// `width` bytes wide lies within, with a byte to spare either side (so that no match has
// a \b or '^' at the part's edges that the text would deny), widened to whole characters.
std::pair<std::size_t, std::size_t> reach(std::string_view text, std::size_t begin, std::size_t end, unsigned width) {
  if (width == k_unbounded) return {0, text.size()};
  const std::size_t spare = std::size_t{width} + 1;
  std::size_t from = begin > spare ? begin - spare : 0;
  std::size_t to = std::min(text.size(), end + spare);
  auto inside_character = [&](std::size_t i) { return (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80; };
  while (from > 0 && inside_character(from)) --from;
  while (to < text.size() && inside_character(to)) ++to;
  return {from, to};
}

}  // namespace

std::expected<PatternSet, Error> PatternSet::compile(const std::vector<std::string>& patterns) {
  std::vector<const char*> expressions;
  std::vector<unsigned> ids, flags(patterns.size(), HS_FLAG_SOM_LEFTMOST | HS_FLAG_UTF8);
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    expressions.push_back(patterns[i].c_str());
    ids.push_back(static_cast<unsigned>(i));
  }
  static std::atomic<std::uint64_t> serials{std::uint64_t{1} << 62};
  auto impl = std::make_shared<Impl>();
  impl->serial = ++serials;
  hs_compile_error_t* error = nullptr;
  auto compile = [&](const std::vector<unsigned>& with, hs_compile_error_t** failed) -> hs_database_t* {
    hs_database_t* database = nullptr;
    hs_compile_multi(expressions.data(), with.data(), ids.data(), static_cast<unsigned>(patterns.size()), HS_MODE_BLOCK,
                     nullptr, &database, failed);
    return database;
  };
  impl->database = cached(cache_name("patterns", patterns, flags.front()), [&] { return compile(flags, &error); });
  if (!impl->database) {
    std::string message = "pattern " + std::to_string(error ? error->expression : -1) + ": " +
                          (error && error->message ? error->message : "unknown error");
    hs_free_compile_error(error);
    return fail(ErrorCode::parse, message);
  }
  impl->singles = compile_singles(patterns, flags.front());
  impl->widths = widths_of(patterns, flags.front());
  if (auto ok = allocate(*impl); !ok) return std::unexpected(ok.error());
  PatternSet set;
  set.m_impl = std::move(impl);
  return set;
}

void PatternSet::scan_with(std::string_view text, Callback on_match) const {
  if (!m_impl || text.empty()) return;
  hs_scratch_t* scratch = scratch_for(*m_impl);
  Context context{on_match};
  hs_scan(m_impl->database, text.data(), static_cast<unsigned>(text.size()), 0, scratch, on_event, &context);
}

// A match found in the part [from, to) starting at its first byte, or ending at its last,
// may lean on an edge the text does not have ("\bhead" in "forehead" cut after "fore");
// reach leaves every true match a byte from both edges, so those are dropped.
void PatternSet::scan_near_with(std::string_view text, std::span<const Near> near, Callback on_match) const {
  if (!m_impl || text.empty() || near.empty()) return;
  if (m_impl->singles.empty()) {  // no pattern compiled alone: the whole set, keeping the ids near
    auto keep = [&](unsigned id, std::size_t begin, std::size_t end) {
      auto it = std::lower_bound(near.begin(), near.end(), id, [](const Near& n, unsigned i) { return n.id < i; });
      if (it != near.end() && it->id == id) on_match.call(on_match.target, id, begin, end);
    };
    return scan_with(text, Callback::to(keep));
  }
  hs_scratch_t* scratch = scratch_for(*m_impl);
  for (const Near& n : near) {
    if (n.id >= m_impl->singles.size()) continue;
    assert(n.begin <= n.end && n.end <= text.size());
    auto [from, to] = reach(text, n.begin, n.end, m_impl->widths[n.id]);
    auto inside = [&](unsigned id, std::size_t begin, std::size_t end) {
      bool edge = (from > 0 && begin == 0) || (to < text.size() && from + end == to);
      if (!edge) on_match.call(on_match.target, id, from + begin, from + end);
    };
    Context context{Callback::to(inside)};
    hs_scan(m_impl->singles[n.id], text.data() + from, static_cast<unsigned>(to - from), 0, scratch, on_event, &context);
  }
}

}  // namespace smpolicy
