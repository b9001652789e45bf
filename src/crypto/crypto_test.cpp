#include <gtest/gtest.h>

#include <set>

#include "crypto/crypto.hpp"

namespace smpolicy::crypto {
namespace {

TEST(Crypto, Blake2bIsTheKnownDigestOfTheEmptyString) {
  // RFC 7693's BLAKE2b-256 of "" (as published in libsodium's and other test vectors).
  EXPECT_EQ(blake2b_hex(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  EXPECT_EQ(blake2b_hex("abc", 16).size(), 32u);
}

TEST(Crypto, RandomTokensAreUrlSafeAndDoNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string token = random_token();
    EXPECT_EQ(token.size(), 43u);
    EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(Crypto, PasswordHashesAreArgon2idAndVerifyOnlyTheRightPassword) {
  auto hash = hash_password("correct horse battery");
  ASSERT_TRUE(hash) << hash.error().message;
  EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
  EXPECT_TRUE(verify_password(*hash, "correct horse battery"));
  EXPECT_FALSE(verify_password(*hash, "correct horse batterY"));
  EXPECT_FALSE(verify_password("not a hash", "correct horse battery"));
  EXPECT_NE(*hash, *hash_password("correct horse battery")) << "each hash has its own salt";
}

TEST(Crypto, TheMinimumCostStillMakesAnArgon2idHashThatVerifies) {
  auto hash = hash_password("correct horse battery", PasswordCost::minimum);
  ASSERT_TRUE(hash);
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$m=8,t=1,")) << *hash;
  EXPECT_TRUE(verify_password(*hash, "correct horse battery"));
}

TEST(Crypto, EqualSecretsComparesWholeTexts) {
  EXPECT_TRUE(equal_secrets("abc", "abc"));
  EXPECT_FALSE(equal_secrets("abc", "abd"));
  EXPECT_FALSE(equal_secrets("abc", "abcd"));
  EXPECT_TRUE(equal_secrets("", ""));
}

}  // namespace
}  // namespace smpolicy::crypto
