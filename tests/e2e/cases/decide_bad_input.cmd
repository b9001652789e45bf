SMPOLICY decide --policy willow-lane-2021 --json ../fixtures/mixed.jsonl 2>&1
