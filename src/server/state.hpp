// server (private): what the App shares between requests — the options, a pool of store
// connections (one per thread at a time), the sign-in throttle and the compiled schools.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "server/context.hpp"

namespace smpolicy::server {

class AppState {
 public:
  explicit AppState(Options options) : m_options(std::move(options)) {}

  const Options& options() const { return m_options; }
  auth::Throttle& throttle() { return m_throttle; }

  // A store connection lent for one request: given back to the pool when it goes out of
  // scope. A new connection is opened when none is free.
  class Lease {
   public:
    Lease(AppState& owner, std::unique_ptr<store::Store> store)
        : m_owner(&owner), m_store(std::move(store)) {}
    Lease(Lease&&) = default;
    ~Lease();
    store::Store& operator*() { return *m_store; }

   private:
    AppState* m_owner;
    std::unique_ptr<store::Store> m_store;
  };
  std::expected<Lease, Error> borrow();

  // The compiled pack, roster and matcher of `school`, built on first use and rebuilt when
  // the school's records have changed since (by this process or another sharing the
  // database): the store's school_revision tells.
  std::expected<std::shared_ptr<const School>, Error> pipeline(store::Store& store,
                                                               const store::School& school);

 private:
  void give_back(std::unique_ptr<store::Store> store);

  Options m_options;
  auth::Throttle m_throttle;
  std::mutex m_pool_mutex;
  std::vector<std::unique_ptr<store::Store>> m_pool;
  std::mutex m_schools_mutex;
  struct Compiled {
    std::int64_t revision = -1;
    std::shared_ptr<const School> school;
  };
  std::map<std::string, Compiled> m_schools;
};

}  // namespace smpolicy::server
