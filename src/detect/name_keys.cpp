#include "detect/name_keys.hpp"

#include <cassert>

namespace smpolicy::names_detail {

std::uint32_t KeyTable::insert(std::string_view key, std::uint64_t hash, bool& added) {
  assert(key.size() < (std::size_t{1} << 32));
  const std::size_t mask = m_cells.size() - 1;
  for (std::size_t at = (hash >> 32) & mask;; at = (at + 1) & mask) {
    Cell& cell = m_cells[at];
    if (cell.number != 0) {
      if (cell.hash == hash && m_keys[cell.number - 1] == key) return cell.number - 1;
      continue;
    }
    m_keys.emplace_back(key);
    m_hashes.push_back(hash);
    cell = Cell{hash, static_cast<std::uint32_t>(m_keys.size()), static_cast<std::uint32_t>(key.size())};
    if (m_keys.size() * 2 > m_cells.size()) grow();
    added = true;
    return static_cast<std::uint32_t>(m_keys.size() - 1);
  }
}

void KeyTable::grow() {
  std::vector<Cell> cells(m_cells.size() * 2);
  const std::size_t mask = cells.size() - 1;
  for (const Cell& cell : m_cells) {
    if (cell.number == 0) continue;
    std::size_t at = (cell.hash >> 32) & mask;
    while (cells[at].number != 0) at = (at + 1) & mask;
    cells[at] = cell;
  }
  m_cells = std::move(cells);
}

void KeyFilter::add(std::uint64_t hash, const KeyTable& table) {
  if (table.size() * 32 <= word_count() * 64) {
    set(hash);
    return;
  }
  // Twice the size, refilled from every key: the doubling keeps a roster's compile linear.
  assert(m_shift > 38);
  m_store = store_of(word_count() * 2);
  --m_shift;
  for (std::uint32_t n = 0; n < table.size(); ++n) set(table.hash_of(n));
}

}  // namespace smpolicy::names_detail
