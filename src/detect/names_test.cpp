#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "detect/names.hpp"

namespace smpolicy {
namespace {

Person person(std::string id, Role role, std::string given, std::string family) {
  Person p;
  p.id = std::move(id);
  p.role = role;
  p.given_name = std::move(given);
  p.family_name = std::move(family);
  return p;
}

// The names an index of `people` finds in `text`, as "kind:text" in the order found.
std::vector<std::string> names_in(std::initializer_list<Person> people, const std::string& text) {
  NameIndex index(nullptr);
  for (const Person& p : people) index.add_person(p, Lexicon{});
  const NormalisedText plain = normalise(text);
  std::vector<std::string> found;
  for (const NameHit& hit : index.scan(plain, text)) {
    const auto [begin, end] = plain.original_span(hit.begin, hit.end);
    found.push_back(*hit.kind + ":" + text.substr(begin, end - begin));
  }
  return found;
}

using Found = std::vector<std::string>;

// A word that is one person's given name and another's family name: the family name after
// a title is tried before the given name is judged by its context, whichever was added
// first, and alone the word is still the pupil's given name.
TEST(Names, AFamilyNameAfterATitleOutranksTheSameWordAsAGivenName) {
  const auto pupil = person("pupil:1", Role::pupil, "Price", "Hill");
  const auto staff = person("staff:1", Role::staff, "Dawn", "Price");
  EXPECT_EQ(names_in({pupil, staff}, "Thank you Mrs Price"), Found{"person.staff:Mrs Price"});
  EXPECT_EQ(names_in({pupil, staff}, "Well done Price in Year 4"), Found{"person.pupil:Price"});
}

// A given name of one letter is a name alone, as any other, though most lone letters are
// passed over before the table of keys is read.
TEST(Names, AOneLetterGivenNameIsFoundAlone) {
  const auto pupil = person("pupil:1", Role::pupil, "J", "Nowak");
  EXPECT_EQ(names_in({pupil}, "Well done J in Year 4"), Found{"person.pupil:J"});
  EXPECT_EQ(names_in({pupil}, "Well done J Nowak"), Found{"person.pupil:J Nowak"});
}

// A lone letter is otherwise the start of an initial and a family name, or nothing.
TEST(Names, ALoneLetterStartsOnlyAnInitialAndAFamilyName) {
  const auto pupil = person("pupil:1", Role::pupil, "Grace", "Hill");
  EXPECT_EQ(names_in({pupil}, "G. Hill won"), Found{"person.pupil:G. Hill"});
  EXPECT_EQ(names_in({pupil}, "Well done G Hill"), Found{"person.pupil:G Hill"});
  EXPECT_EQ(names_in({pupil}, "a g to a hill"), Found{});
}

}  // namespace
}  // namespace smpolicy
