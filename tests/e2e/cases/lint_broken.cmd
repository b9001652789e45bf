SMPOLICY policy lint ../fixtures/broken-pack.toml 2>&1
