// server (private): the demo school, so a newcomer can sign in and try every page.
#pragma once

#include <expected>

#include "store/store.hpp"

namespace smpolicy::server {

// Creates, once, the invented "Hillside Demo Primary" with a roster of invented people and
// one user per role (server.hpp: demo_usernames(), password k_demo_password). Does
// nothing when the demo school already exists.
std::expected<void, Error> make_demo(store::Store& store);

}  // namespace smpolicy::server
