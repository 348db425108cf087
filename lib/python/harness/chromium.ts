import fs from "node:fs";

/** The fast lane of vitest runs files in parallel: a file that starts a browser or a database belongs in the serial lane. */
export function assertNotUnitLane(what: string): void {
  if (process.env.INTERLEAVE_TEST_LANE === "unit") {
    throw new Error(`This test ${what}: list its file in INTEGRATION in vitest.config.ts (the serial lane), not in the unit lane.`);
  }
}

/** How every headless Chromium of this project starts (Debian's build; no background traffic to outside hosts). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function chromiumExecutable(): string {
  assertNotUnitLane("starts Chromium");
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error("No Chromium found: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.");
  return found;
}
