SMPOLICY policy list
