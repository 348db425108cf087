import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const PY = path.join(__dirname, "py", "interleave");
const read = (file: string) => fs.readFileSync(path.join(PY, file), "utf8");

/** The strings of a module-level tuple `NAME = ("a", "b", …)` in a Python file (throws if there is none). */
function tupleOf(file: string, name: string): string[] {
  const body = new RegExp(`^${name} = \\(([^)]*)\\)`, "m").exec(read(file))?.[1];
  if (body === undefined) throw new Error(`${file} has no tuple ${name} = (…)`);
  return [...body.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}

describe("standard-library code compiled into the memory snapshot", () => {
  // preload.py's RECOMPILED must name every module the runtime executes afresh: one it misses is compiled from the
  // stdlib zip at every start (about 200 ms of a warm start for the set), and one no longer executed afresh only
  // makes the snapshot bigger. Nothing fails at run time either way, so this is where a drift shows.
  it("is exactly what the thread runtime and interleave.net execute afresh", () => {
    const fresh = tupleOf("threads/_modules.py", "FRESH");
    const reexecuted = [...read("net/__init__.py").matchAll(/_reexec\("([^"]+)"\)/g)].map((m) => m[1]!);
    expect(fresh.length).toBeGreaterThan(5);
    expect(reexecuted).toEqual(["selectors", "socket", "asyncio.streams"]);
    expect([...tupleOf("preload.py", "RECOMPILED")].sort()).toEqual([...new Set([...fresh, ...reexecuted])].sort());
  });
});
