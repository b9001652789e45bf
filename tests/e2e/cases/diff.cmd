SMPOLICY policy diff salterlee-2017 polymat-2023
