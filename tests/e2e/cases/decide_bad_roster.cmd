SMPOLICY decide --policy firm-foundations-2025 --roster ../fixtures/roster-bad.csv --json < ../fixtures/events.jsonl 2>&1 | head -3
