#include <gtest/gtest.h>

#include "auth/auth.hpp"

namespace smpolicy::auth {
namespace {

using namespace std::chrono_literals;

TEST(Roles, NamesRoundTripAndUnknownNamesAreRefused) {
  for (Role r : all_roles()) EXPECT_EQ(parse_role(name_of(r)), r);
  EXPECT_EQ(all_roles().size(), k_role_count);
  EXPECT_FALSE(parse_role("headteacher"));
}

TEST(Roles, ASetHoldsExactlyItsRoles) {
  RoleSet leaders = {Role::approver, Role::dsl};
  EXPECT_TRUE(leaders.has(Role::dsl));
  EXPECT_FALSE(leaders.has(Role::staff));
  EXPECT_TRUE(leaders.overlaps({Role::staff, Role::approver}));
  EXPECT_FALSE(leaders.overlaps({Role::it}));
  for (Role r : all_roles()) EXPECT_TRUE(RoleSet::everyone().has(r));
}

TEST(Throttle, RefusesAfterTheLimitUntilTheWindowHasPassed) {
  Throttle throttle(15min);
  auto t0 = Throttle::Clock::time_point{} + 1h;
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(throttle.allowed("user:a", 5, t0));
    throttle.failed("user:a", t0);
  }
  EXPECT_FALSE(throttle.allowed("user:a", 5, t0 + 1min));
  EXPECT_TRUE(throttle.allowed("user:b", 5, t0 + 1min)) << "another key is not affected";
  EXPECT_TRUE(throttle.allowed("user:a", 50, t0 + 1min)) << "a higher limit still allows";
  EXPECT_TRUE(throttle.allowed("user:a", 5, t0 + 16min));
}

TEST(Throttle, SuccessClearsTheCount) {
  Throttle throttle;
  auto t0 = Throttle::Clock::time_point{} + 1h;
  for (int i = 0; i < 4; ++i) throttle.failed("user:a", t0);
  throttle.succeeded("user:a");
  for (int i = 0; i < 4; ++i) throttle.failed("user:a", t0);
  EXPECT_TRUE(throttle.allowed("user:a", 5, t0));
}

TEST(Passwords, ShortPasswordsAreRefused) {
  EXPECT_TRUE(password_problem("short"));
  EXPECT_FALSE(password_problem("long enough now"));
}

}  // namespace
}  // namespace smpolicy::auth
