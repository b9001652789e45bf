// Reading files: plain, gzip, a line of a megabyte, no final newline, and a followed file
// that grows, rotates and is truncated.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "monitor/monitor.hpp"

namespace smpolicy::monitor {
namespace {

namespace fs = std::filesystem;

// gzip of one Squid line (jsmith CONNECT www.instagram.com:443 on Tuesday 3 March 2026).
constexpr unsigned char k_gzip[] = {
    31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 21, 202, 205, 10, 130, 64, 20, 197, 241, 125, 79, 113, 94, 160, 235, 189,
    243, 193, 68, 219, 81, 72, 8, 19, 25, 215, 34, 45, 74, 97, 12, 82, 152, 215, 239, 118, 254, 187, 195, 79, 66,
    48, 222, 26, 102, 33, 207, 12, 157, 21, 134, 48, 253, 243, 72, 177, 159, 210, 216, 117, 205, 189, 82, 3, 165,
    114, 65, 124, 232, 17, 19, 74, 41, 180, 108, 251, 49, 191, 190, 115, 166, 231, 39, 95, 157, 179, 88, 247, 188,
    28, 111, 220, 218, 102, 152, 234, 118, 80, 88, 137, 15, 100, 28, 147, 144, 4, 135, 243, 233, 7, 5, 254, 209,
    74, 117, 0, 0, 0};

const std::string k_line =
    "1772532001.500    310 10.0.0.5 TCP_TUNNEL/200 25318 CONNECT www.instagram.com:443 jsmith HIER_DIRECT/157.240.1.174 -";

class TempDir {
 public:
  TempDir() : m_path(fs::temp_directory_path() / ("smpolicy-monitor-" + std::to_string(::getpid()))) {
    fs::create_directories(m_path);
  }
  ~TempDir() { fs::remove_all(m_path); }
  std::string file(std::string_view name, std::string_view bytes) const {
    auto path = m_path / name;
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path.string();
  }
  std::string path(std::string_view name) const { return (m_path / name).string(); }

 private:
  fs::path m_path;
};

struct Reading {
  std::unique_ptr<Pack> pack = std::move(*resolve_pack("salterlee-2017"));
  Monitor monitor{*pack, nullptr, nullptr, {}};
};

void append(const std::string& path, std::string_view bytes) {
  std::ofstream(path, std::ios::binary | std::ios::app).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

TEST(Input, PlainAndGzipFilesReadAlike) {
  TempDir dir;
  Reading plain, gzip;
  ASSERT_TRUE(read_log(dir.file("a.log", k_line + "\r\n" + k_line), plain.monitor, nullptr));
  std::string gz(reinterpret_cast<const char*>(k_gzip), sizeof k_gzip);
  ASSERT_TRUE(read_log(dir.file("a.log.gz", gz + gz), gzip.monitor, nullptr));  // two members
  Report a = plain.monitor.finish(), b = gzip.monitor.finish();
  EXPECT_EQ(a.totals.hits, 2u);
  EXPECT_EQ(b.totals.hits, 2u);
  EXPECT_EQ(a.totals.malformed + b.totals.malformed, 0u);
}

TEST(Input, ATruncatedGzipFileKeepsItsLinesAndSaysSo) {
  TempDir dir;
  Reading r;
  std::string gz(reinterpret_cast<const char*>(k_gzip), sizeof k_gzip - 8);
  auto read = read_log(dir.file("cut.gz", gz), r.monitor, nullptr);
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().message.find("ends early"), std::string::npos);
}

TEST(Input, AMegabyteLineIsCountedAndSkipped) {
  TempDir dir;
  Reading r;
  std::string text = k_line + "\n" + std::string(1 << 20, 'y') + "\n" + k_line + "\n" + std::string(100000, 'z');
  ASSERT_TRUE(read_log(dir.file("long.log", text), r.monitor, nullptr));
  Report report = r.monitor.finish();
  EXPECT_EQ(report.totals.lines, 4u);
  EXPECT_EQ(report.totals.too_long, 2u);
  EXPECT_EQ(report.totals.hits, 2u);
  EXPECT_EQ(report.problems[0].examples[0].line, 2u);
}

TEST(Input, AMissingFileIsAnError) {
  Reading r;
  auto read = read_log("/nonexistent/access.log", r.monitor, nullptr);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::io);
}

TEST(Input, FollowingReadsGrowthRotationAndTruncation) {
  TempDir dir;
  Reading r;
  std::string path = dir.file("access.log", k_line + "\n" + k_line.substr(0, 20));
  auto follower = Follower::open(path);
  ASSERT_TRUE(follower);
  ASSERT_TRUE(follower->poll(r.monitor));
  EXPECT_EQ(r.monitor.lines(), 1u) << "half a line waits for the rest";
  append(path, k_line.substr(20) + "\n");
  EXPECT_GT(*follower->poll(r.monitor), 0u);
  EXPECT_EQ(r.monitor.lines(), 2u);
  EXPECT_EQ(*follower->poll(r.monitor), 0u);
  append(path, k_line + "\n");  // written just before the rotation
  fs::rename(path, dir.path("access.log.1"));
  dir.file("access.log", k_line + "\n");
  follower->poll(r.monitor);
  EXPECT_EQ(r.monitor.lines(), 4u);
  dir.file("access.log", "");  // truncated in place
  follower->poll(r.monitor);
  append(path, k_line + "\n");
  follower->poll(r.monitor);
  EXPECT_EQ(r.monitor.lines(), 5u);
  Report report = r.monitor.finish();
  EXPECT_EQ(report.totals.hits, 5u);
  EXPECT_EQ(report.totals.malformed, 0u);
}

TEST(Input, ACompressedFileCannotBeFollowed) {
  TempDir dir;
  std::string gz(reinterpret_cast<const char*>(k_gzip), sizeof k_gzip);
  EXPECT_FALSE(Follower::open(dir.file("a.gz", gz)));
}

}  // namespace
}  // namespace smpolicy::monitor
