SMPOLICY monitor ../../fixtures/proxy/squid-common.log --policy firm-foundations-2025 --roster ../../fixtures/proxy/roster.csv --report json
