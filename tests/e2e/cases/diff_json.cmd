SMPOLICY policy diff protocol-2010 firm-foundations-2025 --json
