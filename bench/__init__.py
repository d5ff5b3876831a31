"""The benchmark and the crash test (``make bench``, ``make crashtest``); see bench/README.md."""
