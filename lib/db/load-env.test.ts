import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { loadDotEnv } from "./load-env";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "interleave-dotenv-test-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

it("reads .env.local before .env and never overrides variables already set, as Next does", () => {
  fs.writeFileSync(path.join(root, ".env"), "DATABASE_URL=file:./from-env.db\nAUTH_SECRET=from-env\nGITHUB_ID=from-env\n");
  fs.writeFileSync(path.join(root, ".env.local"), "DATABASE_URL=file:./from-local.db\n");
  const target: Record<string, string | undefined> = { GITHUB_ID: "from-process" };
  loadDotEnv(root, target);
  expect(target).toEqual({ DATABASE_URL: "file:./from-local.db", AUTH_SECRET: "from-env", GITHUB_ID: "from-process" });
});

it("does nothing when there is no .env", () => {
  const target: Record<string, string | undefined> = {};
  loadDotEnv(path.join(root, "missing"), target);
  expect(target).toEqual({});
});
