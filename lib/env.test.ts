import path from "node:path";
import { describe, expect, it, vi } from "vitest";

// lib/env.ts is server-only; outside Next's server bundle that import throws by design.
vi.mock("server-only", () => ({}));
const { parseEnv } = await import("./env");
const { projectRoot } = await import("./db/url");

const SECRET = "s".repeat(40);

describe("parseEnv", () => {
  it("defaults to the SQLite file under prisma/, resolved against the project root", () => {
    const env = parseEnv({ NODE_ENV: "test" });
    expect(env.DATABASE_URL).toBe(`file:${path.join(projectRoot, "prisma", "dev.db")}`);
    expect(parseEnv({ DATABASE_URL: "file:./prisma/other.db" }).DATABASE_URL).toBe(`file:${path.join(projectRoot, "prisma", "other.db")}`);
    expect(parseEnv({ DATABASE_URL: "postgresql://u@127.0.0.1:5432/db" }).DATABASE_URL).toBe("postgresql://u@127.0.0.1:5432/db");
  });

  it("rejects an unsupported database URL with a message naming the variable", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must start with file:/);
  });

  it("requires AUTH_SECRET in production, and a long one wherever it is set", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET is not set/);
    expect(() => parseEnv({ NODE_ENV: "production", AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET: must be at least 32/);
    expect(parseEnv({ NODE_ENV: "production", AUTH_SECRET: SECRET }).AUTH_SECRET).toBe(SECRET);
    // `next build` evaluates server modules without the runtime secret.
    expect(parseEnv({ NODE_ENV: "production" }, true).AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("gives development a stable secret of its own when none is set", () => {
    const a = parseEnv({ NODE_ENV: "development" }).AUTH_SECRET;
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(parseEnv({ NODE_ENV: "development", AUTH_SECRET: "" }).AUTH_SECRET).toBe(a);
  });

  it("accepts GitHub credentials only as a pair", () => {
    expect(parseEnv({ GITHUB_ID: "id", GITHUB_SECRET: "secret" })).toMatchObject({ GITHUB_ID: "id", GITHUB_SECRET: "secret" });
    expect(parseEnv({}).GITHUB_ID).toBeUndefined();
    expect(() => parseEnv({ GITHUB_ID: "id" })).toThrow(/GITHUB_SECRET: set both/);
  });

  it("rejects an unknown NODE_ENV", () => {
    expect(() => parseEnv({ NODE_ENV: "staging" })).toThrow(/NODE_ENV/);
  });
});
