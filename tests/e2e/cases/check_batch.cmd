SMPOLICY check --policy firm-foundations-2025 --roster ../fixtures/roster.csv --jsonl ../fixtures/posts.jsonl --json 2>&1
