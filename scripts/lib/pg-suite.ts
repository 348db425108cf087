// The PostgreSQL half of the data-layer suites. Where PostgreSQL is installed, `describePostgres` runs the suite
// against throwaway clusters on 127.0.0.1 and stops them afterwards. Where it is not, a developer's machine skips the
// suite with a warning, but CI (CI set, as .ci/run does) fails it: a fresh CI machine must not go green without
// ever having run the PostgreSQL half (.ci/run installs Debian's postgresql when it is missing).
import { afterAll, describe, it } from "vitest";
import { postgresAvailable, startPgCluster } from "./pg-cluster";

/** True when the PostgreSQL suites must run: in CI. */
export function postgresRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return Boolean(ci) && ci !== "0" && ci !== "false";
}

export const POSTGRES_MISSING =
  "PostgreSQL binaries (initdb, pg_ctl) not found. CI requires them: install Debian's package (`apt-get install -y postgresql`; .ci/run does) or put their folder on PATH.";

/** Starts a throwaway cluster with `database` in it and returns its URL; every cluster started stops after the suite. */
export type StartCluster = (database?: string) => Promise<string>;

export function describePostgres(name: string, body: (start: StartCluster) => void, options: { timeout?: number } = {}): void {
  if (!postgresAvailable()) {
    if (postgresRequired()) {
      describe(name, () => {
        it("needs PostgreSQL", () => {
          throw new Error(POSTGRES_MISSING);
        });
      });
    } else {
      console.warn(`${POSTGRES_MISSING.split(".")[0]}: skipping "${name}" (CI would fail here).`);
      describe.skip(name, () => body(async () => "")); // listed as skipped in the report
    }
    return;
  }
  describe(name, options, () => {
    const stops: Array<() => void> = [];
    afterAll(() => {
      for (const stop of stops) stop();
    });
    body(async (database) => {
      const cluster = await startPgCluster(database);
      stops.push(cluster.stop);
      return cluster.url;
    });
  });
}
