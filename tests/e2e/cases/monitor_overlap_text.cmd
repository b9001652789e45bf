SMPOLICY monitor ../../fixtures/proxy/squid.log ../../fixtures/proxy/squid.log --policy salterlee-2017 --threads 2
