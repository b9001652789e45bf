// Duties in words a person reads: "Tell the Headteacher", "You: decline the request".
#include <array>
#include <cctype>

#include "decide/decide.hpp"

namespace smpolicy {
namespace {

struct Phrase {
  std::string_view action, text;
  bool to_someone;  // `who` receives (inform, report...) rather than acts
};

constexpr std::array<Phrase, 20> k_phrases = {{
    {"decline", "decline the request", false},
    {"inform", "tell %s", true},
    {"report", "report it to %s", true},
    {"seek_permission", "get permission from %s first", true},
    {"add_disclaimer", "add a statement that your views are your own, not your employer's", false},
    {"remove_post", "remove the post", false},
    {"preserve_evidence", "keep the evidence: screenshots with the date, time and web address", false},
    {"secure_evidence", "lock the evidence away; do not save, copy, forward or show it", false},
    {"call_police", "contact the police", false},
    {"discuss_in_class", "explain to the class, in general terms, why staff and pupils do not connect online", false},
    {"redirect", "point them to the school's official channels", false},
    {"do_not_respond", "do not reply", false},
    {"delete_photos", "delete the photos from the device once they are uploaded", false},
    {"hand_over_credentials", "hand over the account's logins to %s", true},
    {"change_privacy", "tighten the privacy settings", false},
    {"check_consent", "check photo consent and the restricted list", false},
    {"record", "keep a record", false},
    {"stop", "stop doing this", false},
    {"investigate", "investigate", false},
    {"support", "offer support", false},
}};

std::string default_title(std::string_view who) {
  if (who == "headteacher") return "the Headteacher";
  if (who == "deputy") return "the Deputy Headteacher";
  if (who == "dsl") return "the Designated Safeguarding Lead";
  if (who == "line_manager") return "your line manager";
  if (who == "slt") return "the Senior Leadership Team";
  if (who == "approver") return "the person who approves official posts";
  if (who == "publisher") return "the person who publishes official posts";
  if (who == "school_business_manager") return "the School Business Manager";
  if (who == "it") return "the IT manager";
  if (who == "hr") return "HR";
  if (who == "governors") return "the governors";
  if (who == "police") return "the police";
  return "you";
}

// The pack's own title for a role ("Head of School") where it gives one.
std::string title_of(std::string_view who, const Pack& pack) {
  auto titles = pack.role(who);
  return titles.empty() ? default_title(who) : "the " + titles.front();
}

}  // namespace

std::string describe_duty(const DutySpec& duty, const Pack& pack) {
  for (const auto& p : k_phrases) {
    if (p.action != duty.action) continue;
    std::string text(p.text);
    if (p.to_someone) {
      auto at = text.find("%s");
      text.replace(at, 2, title_of(duty.who, pack));
      text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
      return text;
    }
    std::string actor = duty.who == "staff" ? "You" : title_of(duty.who, pack);
    actor[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(actor[0])));
    return actor + ": " + text;
  }
  return duty.action + " (" + duty.who + ")";
}

}  // namespace smpolicy
