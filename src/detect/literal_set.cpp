// The one file that sees Vectorscan (Hyperscan's portable fork).
#include <hs/hs.h>

#include <atomic>
#include <unordered_map>

#include "detect/literal_set.hpp"

namespace smpolicy {

struct LiteralSet::Impl {
  std::vector<std::size_t> lengths;  // of each literal; empty for patterns
  std::uint64_t serial = 0;  // never reused, unlike an address, so a thread's cached scratch stays valid
  hs_database_t* database = nullptr;
  hs_scratch_t* prototype = nullptr;  // cloned once per thread
  ~Impl() {
    hs_free_scratch(prototype);
    hs_free_database(database);
  }
};

namespace {

// Each thread keeps its own scratch per database, created on first use.
hs_scratch_t* scratch_for(const LiteralSet::Impl& impl) {
  struct Scratches {
    std::unordered_map<std::uint64_t, hs_scratch_t*> by_set;
    ~Scratches() {
      for (auto& [set, scratch] : by_set) hs_free_scratch(scratch);
    }
  };
  thread_local Scratches cache;
  auto [it, inserted] = cache.by_set.try_emplace(impl.serial, nullptr);
  if (inserted) hs_clone_scratch(impl.prototype, &it->second);
  return it->second;
}

struct Context {
  const std::function<void(unsigned, std::size_t, std::size_t)>* on_match;
  const std::vector<std::size_t>* lengths;  // literals: the start is end - length
};

int on_event(unsigned id, unsigned long long from, unsigned long long to, unsigned, void* user) {
  auto* context = static_cast<Context*>(user);
  auto end = static_cast<std::size_t>(to);
  auto begin = context->lengths->empty() ? static_cast<std::size_t>(from) : end - (*context->lengths)[id];
  (*context->on_match)(id, begin, end);
  return 0;
}

std::expected<void, Error> allocate(LiteralSet::Impl& impl) {
  if (hs_alloc_scratch(impl.database, &impl.prototype) != HS_SUCCESS) {
    return fail(ErrorCode::internal, "cannot allocate matcher scratch space");
  }
  return {};
}

}  // namespace

std::expected<LiteralSet, Error> LiteralSet::compile(const std::vector<std::string>& literals) {
  std::vector<const char*> expressions;
  std::vector<std::size_t> lengths;
  std::vector<unsigned> ids, flags(literals.size(), 0);
  for (std::size_t i = 0; i < literals.size(); ++i) {
    expressions.push_back(literals[i].data());
    lengths.push_back(literals[i].size());
    ids.push_back(static_cast<unsigned>(i));
  }
  static std::atomic<std::uint64_t> serials{0};
  auto impl = std::make_shared<Impl>();
  impl->serial = ++serials;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_lit_multi(expressions.data(), flags.data(), ids.data(), lengths.data(),
                           static_cast<unsigned>(literals.size()), HS_MODE_BLOCK, nullptr, &impl->database,
                           &error) != HS_SUCCESS) {
    std::string message = error && error->message ? error->message : "unknown error";
    hs_free_compile_error(error);
    return fail(ErrorCode::internal, "cannot compile the term list: " + message);
  }
  impl->lengths = std::move(lengths);
  if (auto ok = allocate(*impl); !ok) return std::unexpected(ok.error());
  LiteralSet set;
  set.m_impl = std::move(impl);
  return set;
}

std::expected<LiteralSet, Error> LiteralSet::compile_patterns(const std::vector<std::string>& patterns) {
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
  if (hs_compile_multi(expressions.data(), flags.data(), ids.data(), static_cast<unsigned>(patterns.size()),
                       HS_MODE_BLOCK, nullptr, &impl->database, &error) != HS_SUCCESS) {
    std::string message = "pattern " + std::to_string(error ? error->expression : -1) + ": " +
                          (error && error->message ? error->message : "unknown error");
    hs_free_compile_error(error);
    return fail(ErrorCode::parse, message);
  }
  if (auto ok = allocate(*impl); !ok) return std::unexpected(ok.error());
  LiteralSet set;
  set.m_impl = std::move(impl);
  return set;
}

void LiteralSet::scan(std::string_view text,
                      const std::function<void(unsigned, std::size_t, std::size_t)>& on_match) const {
  if (!m_impl || text.empty()) return;
  Context context{&on_match, &m_impl->lengths};
  hs_scan(m_impl->database, text.data(), static_cast<unsigned>(text.size()), 0, scratch_for(*m_impl), on_event, &context);
}

}  // namespace smpolicy
