SMPOLICY decide --policy no-such-school < /dev/null 2>&1
