// Set up for the `unit` vitest project (the fast lane, files in parallel): starting Chromium or a PostgreSQL cluster
// there throws (lib/python/harness/chromium.ts, scripts/lib/pg-cluster.ts) instead of starving the other files.
process.env.INTERLEAVE_TEST_LANE = "unit";
