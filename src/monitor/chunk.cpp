// One thread's share of a log: its lines read as Monitor::Impl::line and hit read them,
// with names of the chunk's own, so that nothing is shared while threads read.
#include <algorithm>
#include <cstring>

#include "monitor/chunk.hpp"
#include "monitor/fields.hpp"

namespace smpolicy::monitor {
namespace {

class ChunkReader {
 public:
  ChunkReader(Chunk& chunk, const ChunkSettings& settings)
      : m_chunk(chunk), m_settings(settings), m_parser(settings.format, *settings.zone) {}

  void line(std::string_view text, std::uint64_t offset, std::uint32_t number) {
    ++m_chunk.totals.lines;
    if (text.size() > k_max_line) {
      ++m_chunk.totals.too_long;
      example(k_too_long, number, std::to_string(text.size()) + " bytes", "");
      return;
    }
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (blank(text)) {
      ++m_chunk.totals.blank;
      return;
    }
    auto parsed = m_parser.parse(text);
    if (!parsed) {
      ++m_chunk.totals.malformed;
      example(k_malformed, number, parsed.error(), text);
      return;
    }
    std::uint64_t hash = 0;
    if (m_settings.seen) {
      hash = SeenLines::hash(text);
      if (m_settings.seen->earlier(hash, parsed->end_ms)) {
        ++m_chunk.totals.duplicates;
        return;
      }
    }
    std::int64_t end_ms = parsed->end_ms;
    if (end_ms + 1000 < m_chunk.latest_ms) {
      m_chunk.late.push_back(Chunk::Late{static_cast<std::uint32_t>(m_chunk.stamps.size()), m_chunk.latest_ms});
    }
    m_chunk.latest_ms = std::max(m_chunk.latest_ms, end_ms);
    m_chunk.stamps.push_back(Stamp{end_ms, offset, number, static_cast<std::uint32_t>(text.size()), hash});
    hit(*parsed);
  }

 private:
  void example(std::size_t kind, std::uint32_t number, std::string_view why, std::string_view text) {
    auto& examples = m_chunk.examples[kind];
    if (examples.size() < m_settings.max_examples) examples.push_back(Problem{{}, number, std::string(why), printable(text)});
  }

  void hit(const Hit& h) {
    Totals& totals = m_chunk.totals;
    std::string_view raw_host;
    Fate fate = fate_of(h, raw_host);
    if (fate == Fate::without_user) ++totals.without_user;
    if (fate == Fate::no_response) ++totals.no_response;
    if (fate == Fate::without_user || fate == Fate::no_response) return;
    bool by_client = h.user == "-";
    std::uint32_t who = by_client ? name(Chunk::NameKind::client, m_chunk.client_index, h.client, false)
                                  : name(Chunk::NameKind::user, m_chunk.user_index, h.user, h.user_escaped);
    if (fate == Fate::blocked) {
      ++totals.blocked;
      ++m_chunk.blocked[who];
      return;
    }
    if (fate == Fate::no_host) {
      ++totals.no_host;
      return;
    }
    std::uint32_t host = name(Chunk::NameKind::host, m_chunk.host_index, raw_host, false);
    ChunkHit ref{h.start_ms, h.end_ms, who, host, k_none, h.end_ms >= m_chunk.next_sweep, fields::canonical_method(h.method)};
    if (ref.sweep) m_chunk.next_sweep = h.end_ms + m_settings.gap_ms;
    if (m_chunk.names[host].encyclopaedia && is_edit_request(h.method, h.url)) {
      ref.edit = static_cast<std::uint32_t>(m_chunk.edit_urls.size());
      m_chunk.edit_urls.push_back(h.url);
    }
    if (totals.hits++ == 0 || h.start_ms < m_chunk.first_ms) m_chunk.first_ms = h.start_ms;
    if (totals.hits == 1 || h.end_ms > m_chunk.last_ms) m_chunk.last_ms = h.end_ms;
    m_chunk.hits.push_back(ref);
  }

  std::uint32_t name(Chunk::NameKind kind, std::unordered_map<std::string_view, std::uint32_t>& index,
                     std::string_view text, bool escaped) {
    auto [it, added] = index.try_emplace(text, static_cast<std::uint32_t>(m_chunk.names.size()));
    if (!added) return it->second;
    bool encyclopaedia = kind == Chunk::NameKind::host && m_settings.pack->category_of(fields::lower(text)) == "encyclopaedia";
    m_chunk.names.push_back(Chunk::Name{kind, text, escaped, encyclopaedia});
    m_chunk.blocked.push_back(0);
    return it->second;
  }

  Chunk& m_chunk;
  const ChunkSettings& m_settings;
  LineParser m_parser;
};

}  // namespace

NextLine next_line(std::string_view text, std::size_t pos) {
  const char* found = static_cast<const char*>(std::memchr(text.data() + pos, '\n', text.size() - pos));
  std::size_t end = found ? static_cast<std::size_t>(found - text.data()) : text.size();
  return NextLine{text.substr(pos, end - pos), found ? end + 1 : end};
}

void Chunk::reset(std::string_view text_, std::uint64_t offset_) {
  text = text_;
  offset = offset_;
  totals = {};
  for (auto& e : examples) e.clear();
  stamps.clear();
  hits.clear();
  names.clear();
  blocked.clear();
  edit_urls.clear();
  first_ms = last_ms = 0;
  late.clear();
  latest_ms = next_sweep = INT64_MIN;
  global.clear();
  edit_base = 0;
  user_index.clear();
  client_index.clear();
  host_index.clear();
}

void read_chunk(Chunk& chunk, std::string_view text, std::uint64_t offset, const ChunkSettings& settings) {
  chunk.reset(text, offset);
  ChunkReader reader(chunk, settings);
  std::uint32_t number = 0;
  for (std::size_t pos = 0; pos < chunk.text.size();) {
    NextLine next = next_line(chunk.text, pos);
    reader.line(next.line, chunk.offset + pos, ++number);
    pos = next.next;
  }
}

}  // namespace smpolicy::monitor
