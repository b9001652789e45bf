// LineReader: parse_text_line for a batch, which knows what the last line set.
#include "event/event.hpp"
#include "event/reading.hpp"

namespace smpolicy {

std::expected<void, Error> LineReader::read(std::string_view json, int line) {
  if (auto plain = plain_text_line(json, line, m_event, m_set)) return std::move(*plain);
  // The library builds a whole new event, of any kind and with any fields set.
  m_set = k_every_field;
  auto event = text_line_by_library(json, line);
  if (!event) return std::unexpected(std::move(event.error()));
  m_event = std::move(*event);
  return {};
}

}  // namespace smpolicy
