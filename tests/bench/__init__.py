"""`make bench`: the real stack on temporary data, driven over HTTP, measured; one table and test-output/bench.json."""
