#include "monitor/visits.hpp"

#include <algorithm>
#include <cassert>

namespace smpolicy::monitor {
namespace {

Visit visit_of(const HitRef& hit) {
  Visit v;
  v.start_ms = hit.start_ms;
  v.end_ms = hit.end_ms;
  v.person = hit.person;
  v.site = hit.site;
  v.host = hit.host;
  v.hits = 1;
  v.edits = hit.edit_url != k_none ? 1 : 0;
  v.edit_url = hit.edit_url;
  v.method = hit.method;
  return v;
}

void merge(Visit& v, const HitRef& hit) {
  v.start_ms = std::min(v.start_ms, hit.start_ms);
  v.end_ms = std::max(v.end_ms, hit.end_ms);
  ++v.hits;
  if (hit.edit_url == k_none) return;
  if (v.edits++ == 0) {
    v.edit_url = hit.edit_url;
    v.method = hit.method;
  }
}

}  // namespace

void VisitBook::add(const HitRef& hit, const Closed& closed) {
  insert(hit, closed);
  // Sweeping once per gap of log time keeps the open visits few, whatever the log's length.
  if (sweep_due(hit.end_ms)) close_before(hit.end_ms, closed);
}

bool VisitBook::sweep_due(std::int64_t end_ms) {
  if (end_ms < m_next_sweep) return false;
  m_next_sweep = end_ms + m_gap;
  return true;
}

void VisitBook::insert(const HitRef& hit, const Closed& closed) {
  std::uint64_t key = (static_cast<std::uint64_t>(hit.person) << 32) | hit.site;
  auto [it, inserted] = m_index.try_emplace(key, 0);
  if (!inserted) {
    Visit& v = m_slots[it->second].visit;
    if (hit.start_ms <= v.end_ms + m_gap && hit.end_ms >= v.start_ms - m_gap) {
      merge(v, hit);
    } else if (hit.end_ms < v.start_ms - m_gap) {
      closed(visit_of(hit));  // out of order, and too early to belong to the open visit
    } else {
      closed(v);
      v = visit_of(hit);
    }
  } else {
    adopt_at(it->second, visit_of(hit), key);
  }
}

void VisitBook::adopt_at(std::uint32_t& index, const Visit& visit, std::uint64_t key) {
  std::uint32_t slot;
  if (!m_free.empty()) {
    slot = m_free.back();
    m_free.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(m_slots.size());
    m_slots.emplace_back();
  }
  m_slots[slot] = Slot{visit, key, true};
  index = slot;
}

void VisitBook::adopt(const Visit& visit) {
  std::uint64_t key = (static_cast<std::uint64_t>(visit.person) << 32) | visit.site;
  auto [it, inserted] = m_index.try_emplace(key, 0);
  assert(inserted);
  adopt_at(it->second, visit, key);
}

std::vector<Visit> VisitBook::take_open() {
  std::vector<Visit> open;
  for (std::size_t i = 0; i < m_slots.size(); ++i) {
    if (!m_slots[i].live) continue;
    open.push_back(m_slots[i].visit);
    release(i);
  }
  return open;
}

void VisitBook::close(std::size_t slot, const Closed& closed) {
  closed(m_slots[slot].visit);
  release(slot);
}

void VisitBook::release(std::size_t slot) {
  Slot& s = m_slots[slot];
  m_index.erase(s.key);
  s.live = false;
  m_free.push_back(static_cast<std::uint32_t>(slot));
}

void VisitBook::close_before(std::int64_t now_ms, const Closed& closed) {
  for (std::size_t i = 0; i < m_slots.size(); ++i) {
    if (m_slots[i].live && m_slots[i].visit.end_ms + 2 * m_gap < now_ms) close(i, closed);
  }
}

void VisitBook::close_all(const Closed& closed) {
  for (std::size_t i = 0; i < m_slots.size(); ++i) {
    if (m_slots[i].live) close(i, closed);
  }
}

}  // namespace smpolicy::monitor
