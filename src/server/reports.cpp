// Uploaded proxy logs become kept reports, through the same monitor as `smpolicy monitor`.
#include <unistd.h>

#include <cstdio>

#include "monitor/monitor.hpp"
#include "server/service.hpp"

namespace smpolicy::server {
namespace {

// The monitor reads files (it tells gzip by the first bytes), so the upload is written to
// a private temporary file first and removed afterwards whatever happens.
class TempFile {
 public:
  explicit TempFile(std::string_view content) {
    std::string pattern = (std::filesystem::temp_directory_path() / "smpolicy-upload-XXXXXX").string();
    int fd = ::mkstemp(pattern.data());
    if (fd < 0) return;
    m_path = pattern;
    std::size_t written = 0;
    while (written < content.size()) {
      ssize_t n = ::write(fd, content.data() + written, content.size() - written);
      if (n <= 0) break;
      written += static_cast<std::size_t>(n);
    }
    ::close(fd);
    m_ok = written == content.size();
  }
  ~TempFile() {
    if (!m_path.empty()) std::remove(m_path.c_str());
  }
  bool ok() const { return m_ok; }
  const std::string& path() const { return m_path; }

 private:
  std::string m_path;
  bool m_ok = false;
};

}  // namespace

std::expected<store::KeptReport, Error> keep_log_report(Context& ctx, std::string_view log,
                                                        std::string_view title) {
  auto school = ctx.pipeline();
  if (!school) return std::unexpected(school.error());
  TempFile file(log);
  if (!file.ok()) return fail(ErrorCode::io, "could not hold the upload in a temporary file");
  monitor::Monitor monitor(*(*school)->pack, (*school)->roster.get(), nullptr, monitor::Options{});
  if (auto read = monitor::read_log(file.path(), monitor, nullptr); !read) {
    return fail(ErrorCode::invalid, std::string(title) + ": " + read.error().message);
  }
  monitor::Report report = monitor.finish();
  // The report names the upload by its title, never by the temporary file it was read from.
  for (auto& source : report.sources) source.first = std::string(title);
  for (auto& kind : report.problems) {
    for (auto& example : kind.examples) example.source = std::string(title);
  }
  if (report.totals.hits == 0) {
    return fail(ErrorCode::invalid, std::string(title) + ": no line of it reads as a proxy log (" +
                                        std::to_string(report.totals.lines) + " lines)");
  }
  store::KeptReport kept;
  kept.title = std::string(title);
  kept.uploaded_by = ctx.user().username;
  kept.summary_json = monitor::render_report(report, monitor::ReportFormat::json);
  kept.html = monitor::render_report(report, monitor::ReportFormat::html);
  return ctx.store.keep_report(ctx.school->id, kept);
}

}  // namespace smpolicy::server
