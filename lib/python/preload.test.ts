import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const PY = path.join(__dirname, "py", "interleave");
const read = (file: string) => fs.readFileSync(path.join(PY, file), "utf8");

/** The strings of the first `(…)` after `prefix` at the start of a line in a Python file (throws if there is none). */
function tupleAfter(file: string, prefix: string): string[] {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const body = new RegExp(`^${escaped}\\(([^)]*)\\)`, "m").exec(read(file))?.[1];
  if (body === undefined) throw new Error(`${file} has no line starting ${prefix}(…)`);
  return [...body.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}

describe("standard-library code compiled into the memory snapshot", () => {
  // preload.py's RECOMPILED must name every module the runtime executes afresh: one it misses is compiled from the
  // stdlib zip at every start (about 200 ms of a warm start for the set), and one no longer executed afresh only
  // makes the snapshot bigger. Nothing fails at run time either way, so this is where a drift shows.
  it("is the thread runtime's per-run modules and exactly what interleave.net executes afresh", () => {
    expect(tupleAfter("preload.py", "THREAD_MODULES = ").length).toBeGreaterThan(5);
    // The thread runtime swaps preload's list itself, so the two cannot drift apart.
    expect(read("threads/_modules.py")).toMatch(/^from \.\.preload import THREAD_MODULES\b/m);
    expect(read("threads/_modules.py")).toMatch(/^FRESH = THREAD_MODULES$/m);
    const reexecuted = [...read("net/__init__.py").matchAll(/_reexec\("([^"]+)"\)/g)].map((m) => m[1]!);
    expect(reexecuted).toEqual(["selectors", "socket", "asyncio.streams"]);
    expect([...tupleAfter("preload.py", "RECOMPILED = THREAD_MODULES + ")].sort()).toEqual([...reexecuted].sort());
  });
});
