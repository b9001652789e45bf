SMPOLICY check --policy willow-lane-2021 "Lovely walk by the river this afternoon"
