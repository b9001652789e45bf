SMPOLICY check --policy salterlee-2017 --jsonl ../fixtures/posts.jsonl --threads 0 2>&1
