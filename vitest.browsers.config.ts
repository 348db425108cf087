import path from "node:path";
import { defineConfig } from "vitest/config";

/** The cross-browser smoke suite (e2e/browsers): Firefox ESR and WebKitGTK against a production build. */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["e2e/browsers/**/*.test.ts"],
    environment: "node",
    globalSetup: ["e2e/browsers/server.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // One browser at a time on two cores (their Python workers compete for them).
    fileParallelism: false,
    maxWorkers: 1,
  },
});
