SMPOLICY monitor ../../fixtures/proxy/squid.log --policy salterlee-2017 --format combined --report nonsense
