// Private to detect: many literal strings, or many patterns, found at once in a text
// (Vectorscan).
#pragma once

#include <cstdint>
#include <expected>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.hpp"

namespace smpolicy {

class LiteralSet {
 public:
  // Compiles `literals`; the id reported for a match is the literal's index. Literals
  // must be non-empty. Fails with the library's message.
  static std::expected<LiteralSet, Error> compile(const std::vector<std::string>& literals);

  // Compiles regular expressions (PCRE syntax as Vectorscan supports it); a match
  // reports its leftmost start. Fails naming the pattern's index and the library's message.
  static std::expected<LiteralSet, Error> compile_patterns(const std::vector<std::string>& patterns);

  // Calls `on_match(id, begin, end)` for every occurrence: [begin, end) in `text`.
  // Thread-safe.
  void scan(std::string_view text,
            const std::function<void(unsigned id, std::size_t begin, std::size_t end)>& on_match) const;

  // Patterns only: the same matches as `scan`, pattern by pattern in id order, found by
  // running each matching pattern alone. Several times cheaper when a text matches a
  // pattern or two, as start offsets cost much more to track over the whole set. Matches
  // of different patterns may come in another order than `scan` gives. Thread-safe.
  void scan_each(std::string_view text,
                 const std::function<void(unsigned id, std::size_t begin, std::size_t end)>& on_match) const;

  struct Impl;

 private:
  std::shared_ptr<const Impl> m_impl;
};

}  // namespace smpolicy
