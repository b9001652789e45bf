// smpolicy check: "may I post this?" One draft post (TEXT, --file) shown with each
// finding marked, or a batch (--jsonl) decided line by line. Exit status: 0 allow or
// advise, 3 needs permission, 4 breach (the worst in a batch), 2 bad input, 1 failure.
#include <algorithm>
#include <cstdio>
#include <iostream>

#include "cli/check.hpp"

namespace smpolicy::cli {
namespace {

constexpr int k_exit_needs_permission = 3;
constexpr int k_exit_breach = 4;

constexpr const char* k_usage =
    "usage: smpolicy check --policy ID [--roster FILE] [--school FILE] [--json] [--account personal|official]\n"
    "                      [--audience public|friends|group|private] [--platform NAME]\n"
    "                      (TEXT... | --file FILE | --jsonl FILE [--threads N])\n"
    "--threads: threads for --jsonl (default: one per core); the output is the same.\n";

int status_of(Outcome worst) {
  return worst == Outcome::breach ? k_exit_breach : worst == Outcome::needs_permission ? k_exit_needs_permission : k_exit_ok;
}

// The post with each finding in brackets and numbered, then what each number is.
std::string marked_text(const std::string& text, const std::vector<Finding>& findings, bool colour) {
  std::string out = "  ", legend;
  std::size_t at = 0;
  int n = 0;
  for (const Finding& f : findings) {
    if (f.field != "text" || f.begin < at) continue;
    ++n;
    out += text.substr(at, f.begin - at);
    std::string shown = text.substr(f.begin, f.end - f.begin);
    out += colour ? "\x1b[1;4m" + shown + "\x1b[0m[" + std::to_string(n) + "]" : "[" + shown + "](" + std::to_string(n) + ")";
    at = f.end;
    char confidence[8];
    std::snprintf(confidence, sizeof confidence, "%d%%", static_cast<int>(f.confidence * 100 + 0.5f));
    legend += "  (" + std::to_string(n) + ") " + f.kind + (f.detail.empty() ? "" : " " + f.detail) + ", " + confidence + "\n";
  }
  out += text.substr(at) + "\n";
  return n ? out + "\n" + legend : out + "  (nothing found in the text)\n";
}

std::optional<Event> post_from_args(const Args& args, bool* bad) {
  std::string text;
  if (auto file = args.get("file")) {
    auto read = read_file(*file);
    if (!read) {
      std::fprintf(stderr, "%s\n", read.error().message.c_str());
      return std::nullopt;
    }
    text = std::move(*read);
  } else {
    for (const auto& word : args.positional) text += (text.empty() ? "" : " ") + word;
  }
  Event post = make_event(Kind::post);
  for (auto [option, field] : {std::pair{"account", "account"}, {"audience", "audience"}, {"platform", "platform"}}) {
    auto value = args.get(option).value_or(std::string(option) == "account" ? "personal" : "");
    if (value.empty()) continue;
    if (auto ok = set_field(post, field, value); !ok) {
      std::fprintf(stderr, "smpolicy check: --%s: %s\n", option, ok.error().message.c_str());
      *bad = true;
      return std::nullopt;
    }
  }
  (void)set_field(post, "text", text);
  return post;
}

int check_one(const Args& args, const School& school) {
  bool bad = false;
  auto post = post_from_args(args, &bad);
  if (!post) return bad ? k_exit_bad_input : k_exit_failed;
  auto checked = check(*post, school);
  if (args.has("json")) {
    std::string out;
    school.renderer->append(out, checked.verdict, *post, checked.findings, JsonDetail::with_detected);
    std::cout << out << "\n";
  } else {
    bool colour = colour_output();
    std::cout << "Your post:\n" << marked_text(post->field("text").text, checked.findings, colour) << "\n"
              << render_text(checked.verdict, *post, checked.findings, colour);
  }
  return status_of(checked.verdict.outcome);
}

int run_batch(const Args& args, const School& school, bool bad_input) {
  auto threads = threads_option(args);
  if (!threads) {
    std::fputs("smpolicy check: --threads takes a whole number, 1 to 256\n", stderr);
    return k_exit_failed;
  }
  auto result = check_batch(*args.get("jsonl"), school, BatchOptions{args.has("json"), *threads});
  if (!result.readable) return k_exit_failed;
  return bad_input || result.bad_input ? k_exit_bad_input : status_of(result.worst);
}

}  // namespace

int run_check(const std::vector<std::string>& argv) {
  Args args = parse_args(argv, {"policy", "roster", "school", "file", "jsonl", "account", "audience", "platform", "threads"}, {"json"});
  if (!args.error.empty()) {
    std::fprintf(stderr, "smpolicy check: %s\n%s", args.error.c_str(), k_usage);
    return k_exit_failed;
  }
  bool text_given = !args.positional.empty() || args.has("file");
  if (text_given == args.has("jsonl")) {
    std::fputs(k_usage, stderr);
    return k_exit_failed;
  }
  bool bad_input = false;
  auto school = load_school(args, &bad_input);
  if (!school) return k_exit_failed;
  if (args.has("jsonl")) return run_batch(args, *school, bad_input);
  int status = check_one(args, *school);
  return bad_input && status == k_exit_ok ? k_exit_bad_input : status;
}

}  // namespace smpolicy::cli
