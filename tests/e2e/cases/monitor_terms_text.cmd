SMPOLICY monitor ../../fixtures/proxy/squid.log --policy salterlee-2017 --roster ../../fixtures/proxy/roster.csv --users ../../fixtures/proxy/users.csv --school ../../fixtures/proxy/school-inset.toml
