import fs from "node:fs";
import path from "node:path";
import type { CheckSupport } from "./exercise-check";

let support: CheckSupport | undefined;

/** The Python behind every exercise check (lib/content/python/), read once. Server and Node tools only. */
export function getCheckSupport(): CheckSupport {
  const dir = path.join(process.cwd(), "lib", "content", "python");
  support ??= {
    runner: fs.readFileSync(path.join(dir, "run_check.py"), "utf8"),
    helpers: fs.readFileSync(path.join(dir, "checking.py"), "utf8"),
  };
  return support;
}
