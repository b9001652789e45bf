SMPOLICY decide --policy salterlee-2017 --roster ../fixtures/roster.csv --json ../fixtures/events.jsonl
