SMPOLICY policy show willow-lane-2021 --coverage
