import fs from "node:fs";
import path from "node:path";

const cache = new Map<string, string>();

/** A driver of lib/content/python/ that an interactive step runs in the learner's worker, read once. Server and
 *  Node tools only. */
export function getStepDriver(name: "possible_outputs.py" | "blocking_calls.py"): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = fs.readFileSync(path.join(process.cwd(), "lib", "content", "python", name), "utf8");
    cache.set(name, text);
  }
  return text;
}
