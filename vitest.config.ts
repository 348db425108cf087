import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // lib/data/* is marked server-only; its tests run it in Node, as the server does.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts", "prisma/**/*.test.ts", "tests/**/*.test.ts"],
    exclude: ["node_modules", "e2e", ".next"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Several suites drive a real Chromium with Python workers (threads preempted by a ticker worker, processes each
    // a worker of their own) and compare timing-dependent behaviour with python3. Two of them at once on a 2-core
    // machine starve each other's ticker and flake, so files run one after another.
    fileParallelism: false,
    maxWorkers: 1,
  },
});
