SMPOLICY check --policy polymat-2023 --roster ../fixtures/roster.csv --json "Well done Ollie Bennett! Ring me on 07700 900123."
