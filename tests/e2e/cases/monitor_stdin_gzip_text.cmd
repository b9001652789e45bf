gzip -c ../../fixtures/proxy/e2guardian.log | SMPOLICY monitor --format e2guardian --policy willow-lane-2021 --roster ../../fixtures/proxy/roster.csv
