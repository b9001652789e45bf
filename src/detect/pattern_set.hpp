// Private to detect: many patterns (regular expressions) found at once in a text
// (Vectorscan).
#pragma once

#include <cstdint>
#include <expected>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/core.hpp"

namespace smpolicy {

class PatternSet {
 public:
  // Compiles regular expressions (PCRE syntax as Vectorscan supports it); the id reported
  // for a match is the pattern's index, and a match reports its leftmost start. Fails
  // naming the pattern's index and the library's message.
  static std::expected<PatternSet, Error> compile(const std::vector<std::string>& patterns);

  // Calls `on_match(id, begin, end)` for every occurrence: [begin, end) in `text`.
  // `on_match` is any callable taking (unsigned, std::size_t, std::size_t); it is called
  // through a plain function pointer, not a std::function, as a text may match often.
  // Thread-safe.
  template <typename OnMatch>
  void scan(std::string_view text, OnMatch&& on_match) const {
    scan_with(text, Callback::to(on_match));
  }

  // A pattern to run, and where its matches lie as far as the caller knows: every match
  // of pattern `id` overlaps the bytes [begin, end) of the text, as where each match must
  // hold a word and the words were found there. {id, 0, text.size()} knows nothing.
  struct Near {
    unsigned id;
    std::size_t begin, end;
  };

  // The matches of the patterns of `near` (ascending by id, each once), pattern by pattern
  // in that order, each run alone (start offsets cost much more to track over the whole
  // set) and only over the part of the text its matches can reach: [begin, end) and as
  // many bytes either side as its longest match spans (all of the text for a pattern whose
  // matches have no bound). Other patterns are not run. Matches of different patterns may
  // come in another order than `scan` gives. Thread-safe.
  template <typename OnMatch>
  void scan_near(std::string_view text, std::span<const Near> near, OnMatch&& on_match) const {
    scan_near_with(text, near, Callback::to(on_match));
  }

  struct Impl;

  // A borrowed callable and the function that calls it.
  struct Callback {
    void (*call)(void* target, unsigned id, std::size_t begin, std::size_t end);
    void* target;
    template <typename F>
    static Callback to(F& f) {
      return {[](void* t, unsigned id, std::size_t begin, std::size_t end) { (*static_cast<F*>(t))(id, begin, end); },
              const_cast<std::remove_const_t<F>*>(&f)};
    }
  };

 private:
  void scan_with(std::string_view text, Callback on_match) const;
  void scan_near_with(std::string_view text, std::span<const Near> near, Callback on_match) const;
  std::shared_ptr<const Impl> m_impl;
};

}  // namespace smpolicy
