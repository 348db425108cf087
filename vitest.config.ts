import path from "node:path";
import { defineConfig } from "vitest/config";

// Test files that drive a real Chromium with Python workers (threads preempted by a ticker worker, processes each a
// worker of their own, timing compared with python3) or start PostgreSQL clusters. Two of them at once on a 2-core
// machine starve each other's ticker and flake, so they run one after another, after the unit tests.
const INTEGRATION = [
  "tests/conformance/{asyncio,explore,multiprocessing,multiprocessing-runtime,sockets,step,threading}.test.ts",
  "lib/python/{runtime,sandbox,stop,without-features}.test.ts",
  "lib/content/exercise-check.test.ts",
  "lib/data/{classes,data-layer}.test.ts",
  // The page's progress store (components/) against the data layer (lib/): a test across the layers, so in tests/.
  "tests/progress-sync.test.ts",
  "lib/db/{health-backup,migrate}.test.ts",
  "lib/lti/lti.test.ts",
  "prisma/seed.test.ts",
];

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // lib/data/* is marked server-only; its tests run it in Node, as the server does.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    exclude: ["node_modules", "e2e", ".next"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        // The fast lane (`npm run test:unit`): pure unit tests, files in parallel. A file here that starts Chromium
        // or PostgreSQL fails at once (tests/unit-lane.ts) and names INTEGRATION as its place.
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts", "prisma/**/*.test.ts", "tests/**/*.test.ts"],
          exclude: ["node_modules", "e2e", ".next", ...INTEGRATION],
          setupFiles: ["tests/unit-lane.ts"],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: "integration", include: INTEGRATION, fileParallelism: false, maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
