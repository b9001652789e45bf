// Private to detect: the quick looks deobfuscate takes at a text, so that most posts skip
// the copying of a pass that would change nothing.
#pragma once

#include <string_view>

namespace smpolicy::deobfuscate_detail {

// Whether a pass may have something to undo: `leet`, a digit or symbol standing for a
// letter inside a word ("sh1t", "@ss"); `spacing`, a lone letter with another lone letter
// two on ("f u c k") or a letter three times over ("fuuuck").
struct Tricks {
  bool leet = false, spacing = false;
};

// The looks, by the widest steps the machine takes (32 bytes with AVX2, 16 with SSE2).
Tricks tricks_in(std::string_view s);

// The same looks one byte at a time, and 16 bytes at a time: tricks_in's answer must be
// theirs, whichever way the machine reads. tricks_by_16 answers as tricks_by_byte where
// there is no SSE2.
Tricks tricks_by_byte(std::string_view s);
Tricks tricks_by_16(std::string_view s);

// Whether `s` has spacing (as Tricks::spacing says) at a place whose bytes meet
// s[begin, end): a lone letter reads the byte before it and three after, a letter three
// times over two after. For a text that had no spacing before the bytes in [begin, end)
// changed, whether it has any now, read a byte at a time: for a few changed bytes it
// costs less than tricks_in over the whole text.
bool spacing_near(std::string_view s, std::size_t begin, std::size_t end);

// The first place at or after `from` where undo_spacing may change something, s.size()
// where there is none: a letter that opens three of itself ("fuuuck"), or a lone letter
// before one of ". - _ * ~" or a space, with no letter or digit before it ("f.u.c.k"). A
// place needs two bytes after it. next_undo reads sixteen bytes at a time where the
// machine has SSE2; next_undo_by_byte says what it must answer.
std::size_t next_undo(std::string_view s, std::size_t from);
std::size_t next_undo_by_byte(std::string_view s, std::size_t from);

}  // namespace smpolicy::deobfuscate_detail
