#include <gtest/gtest.h>

#include "core/core.hpp"

namespace smpolicy {
namespace {

TEST(Roster, ReadsRequiredAndOptionalColumns) {
  auto load = parse_roster(
      "id,role,given_name,family_name,preferred_name,restricted,photo_consent\n"
      "pupil:1,pupil,Oliver,Bennett,Ollie,true,print;website\n"
      "staff:js,staff,\"Smith, Jane\",Smith,,false,\n",
      "r.csv");
  ASSERT_TRUE(load) << load.error().message;
  EXPECT_TRUE(load->row_errors.empty());
  const Person* oliver = load->roster.find("pupil:1");
  ASSERT_NE(oliver, nullptr);
  EXPECT_EQ(oliver->preferred_name, "Ollie");
  EXPECT_TRUE(oliver->restricted);
  EXPECT_TRUE(oliver->consent_known);
  EXPECT_EQ(oliver->photo_consent, (std::vector<std::string>{"print", "website"}));
  EXPECT_EQ(load->roster.find("staff:js")->given_name, "Smith, Jane");
  EXPECT_FALSE(load->roster.find("staff:js")->consent_known);
}

TEST(Roster, BadRowsAreNamedByLineAndColumnAndLeftOut) {
  auto load = parse_roster(
      "id,role,given_name,family_name,photo_consent\n"
      "pupil:1,pupil,Oliver,Bennett,none\n"
      "pupil:2,teacher,Grace,Okafor,none\n"
      "pupil:3,pupil,Noah,Patel,print;tv\n"
      "pupil:1,pupil,Amelia,Shaw,none\n",
      "r.csv");
  ASSERT_TRUE(load);
  EXPECT_EQ(load->roster.people.size(), 1u);
  ASSERT_EQ(load->row_errors.size(), 3u);
  EXPECT_EQ(load->row_errors[0].message, "r.csv:3:9: column role: 'teacher' is not a role (pupil, staff, parent, governor)");
  EXPECT_EQ(load->row_errors[1].message, "r.csv:4:26: column photo_consent: 'tv' is not a channel (print, website, social) or none");
  EXPECT_EQ(load->row_errors[2].message, "r.csv:5:1: column id: duplicate id 'pupil:1'");
}

TEST(Roster, MissingRequiredColumnFailsTheFile) {
  auto load = parse_roster("id,role,given_name\npupil:1,pupil,Oliver\n", "r.csv");
  ASSERT_FALSE(load);
  EXPECT_EQ(load.error().message, "r.csv:1: missing required column 'family_name'");
}

TEST(Roster, UnclosedQuoteIsAnError) {
  auto load = parse_roster("id,role,given_name,family_name\npupil:1,pupil,\"Oliver,Bennett\n", "r.csv");
  ASSERT_FALSE(load);
  EXPECT_EQ(load.error().message, "r.csv:2:15: quoted cell is never closed");
}

}  // namespace
}  // namespace smpolicy
