SMPOLICY check --policy salterlee-2017 --roster ../fixtures/roster.csv "Well done Ollie Bennett! Ring me on 07700 900123."
