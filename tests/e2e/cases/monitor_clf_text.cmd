SMPOLICY monitor ../../fixtures/proxy/squid-combined.log --policy salterlee-2017 --roster ../../fixtures/proxy/roster.csv --gap 10
