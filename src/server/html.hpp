// server (private): the pages' shared parts — escaping, the page frame with its
// navigation, forms' hidden fields, and a verdict shown with its findings marked in the
// text. Pages are plain HTML that works without script; web/app.js only adds comfort.
#pragma once

#include <string>
#include <string_view>

#include "server/context.hpp"

namespace smpolicy::server {

// Text made safe inside HTML elements and attribute values.
std::string escape(std::string_view text);

// A whole page: head, a skip link, the navigation the user's roles allow (the current
// page marked), `body` inside <main>, and a sign-out form.
std::string page(const Context& ctx, std::string_view title, std::string_view body);

// The hidden inputs every form carries: the CSRF token, and the school when the user is
// acting on one other than their own.
std::string hidden_fields(const Context& ctx);

// "?school=ID" when the user acts on another school of their trust, else "".
std::string school_suffix(const Context& ctx);

// A notice: kind "ok" or "error", announced to screen readers.
std::string notice(std::string_view kind, std::string_view text);

// The verdict for people: the outcome, the text with each finding marked (when the
// event has text), each rule that fired with its clauses and what to do instead, the
// duties.
std::string verdict_html(const Checked& checked, const Event& event);

}  // namespace smpolicy::server

namespace smpolicy::server {

// A labelled <select> of the choices of an event field (spec_of(kind)), with a blank
// first option when `optional`, and `chosen` selected.
std::string choice_select(Kind kind, std::string_view field, std::string_view label, std::string_view chosen,
                          bool optional);

// A redirect back to `path` after a successful write, carrying the school and a message
// key the page turns into words (never text from the request).
Response back_to(const Context& ctx, std::string_view path, std::string_view message_key);
// The notice for ?ok=KEY, or "".
std::string ok_notice(const Context& ctx);

}  // namespace smpolicy::server
