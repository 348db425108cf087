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
    // Some suites drive a real Chromium or a PostgreSQL cluster; the machine has two cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
