SMPOLICY monitor ../../fixtures/proxy/squid.log --policy polymat-2023 --users ../../fixtures/proxy/users.csv --report csv
