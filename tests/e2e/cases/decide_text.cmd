SMPOLICY decide --policy polymat-2023 --roster ../fixtures/roster.csv ../fixtures/events.jsonl
