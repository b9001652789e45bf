#include <gtest/gtest.h>

#include "core/core.hpp"

namespace smpolicy {
namespace {

TEST(Time, ParsesOffsetsIntoTheSameInstant) {
  auto utc = parse_instant("2026-06-09T11:30:00Z");
  auto bst = parse_instant("2026-06-09T12:30:00+01:00");
  auto frac = parse_instant("2026-06-09T12:30:00.250+01:00");
  ASSERT_TRUE(utc && bst && frac);
  EXPECT_EQ(utc->seconds, bst->seconds);
  EXPECT_EQ(frac->seconds, bst->seconds);
  EXPECT_EQ(bst->offset_minutes, 60);
}

TEST(Time, RejectsTimesWithoutAnOffsetOrOutOfRange) {
  for (const char* bad : {"2026-06-09T12:30:00", "2026-02-30T10:00:00Z", "2026-06-09 25:00:00Z",
                          "2026-06-09T12:30:00+1", "yesterday", "", "2026-06-09T12:30:00Zjunk"}) {
    EXPECT_FALSE(parse_instant(bad)) << bad;
  }
}

TEST(Time, DatesCountDaysFromTheEpoch) {
  EXPECT_EQ(parse_date("1970-01-01").value(), 0);
  EXPECT_EQ(parse_date("2024-03-01").value() - parse_date("2024-02-28").value(), 2);  // leap year
  EXPECT_FALSE(parse_date("2023-02-29"));
}

TEST(Time, DateSpansIncludeBothEnds) {
  auto term = parse_date_span("2026-09-03/2026-10-23");
  ASSERT_TRUE(term) << term.error().message;
  EXPECT_TRUE(term->holds(parse_date("2026-09-03").value()));
  EXPECT_TRUE(term->holds(parse_date("2026-10-23").value()));
  EXPECT_FALSE(term->holds(parse_date("2026-10-24").value()));
  EXPECT_FALSE(term->holds(parse_date("2026-09-02").value()));
  EXPECT_TRUE(parse_date_span("2026-09-03/2026-09-03"));  // one day
  for (const char* bad : {"2026-10-23/2026-09-03", "2026-09-03", "2026-09-03/", "/2026-09-03", "2026-09-03-2026-10-23",
                          "2026-09-31/2026-10-23"}) {
    EXPECT_FALSE(parse_date_span(bad)) << bad;
  }
}

TEST(TimeZone, LondonFollowsSummerTime) {
  auto london = load_time_zone("Europe/London");
  ASSERT_TRUE(london);
  // Clocks go forward at 01:00 UTC on 29 March 2026.
  auto before = london->local(parse_instant("2026-03-29T00:30:00Z")->seconds);
  auto after = london->local(parse_instant("2026-03-29T01:30:00Z")->seconds);
  EXPECT_EQ(before.minute_of_day, 30);
  EXPECT_EQ(after.minute_of_day, 2 * 60 + 30);
  EXPECT_EQ(after.weekday, 6);  // Sunday
}

TEST(TimeZone, UnknownZoneIsAnError) {
  auto zone = load_time_zone("Europe/Atlantis");
  ASSERT_FALSE(zone);
  EXPECT_EQ(zone.error().code, ErrorCode::not_found);
}

TEST(Clock, ReadsHoursAndMinutes) {
  EXPECT_EQ(parse_clock("08:30"), 510);
  EXPECT_EQ(parse_clock("24:00"), 1440);
  EXPECT_FALSE(parse_clock("8:30"));
  EXPECT_FALSE(parse_clock("12:60"));
}

}  // namespace
}  // namespace smpolicy
