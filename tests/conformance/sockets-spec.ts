/**
 * The sockets conformance suites: tests/conformance/sockets/*.py (the loopback network, readiness, asyncio over
 * sockets, processes, shared memory) and tests/conformance/servers/*.py (programs adapted from textbook chapters
 * on servers). Each program runs with this machine's python3 and is judged as the asyncio suite judges (see
 * asyncio-spec.ts), with one more thing left out of stderr: where a warning was raised (python3 names the file in
 * /usr/lib/python3.x, Pyodide in /lib/python314.zip; the line that raised it is left out too), and the names the
 * resource tracker lists after its count of leaked blocks (3.12+ lists them; they are random). Like every suite, no
 * output may name the runtime's own files or modules (`runtimeMentions`).
 *
 * python3 runs with multiprocessing/python3 on its path (spawn as the default start method, the only one in the
 * browser) and unbuffered, so the output of several processes interleaves as in the browser's console.
 */
import path from "node:path";
import { normalizeAsyncioStderr } from "./asyncio-spec";
import { loadPrograms, runPython3 as runWithPython3, compareOutcomes, type Outcome, type Program } from "./threading-spec";

export const SOCKETS_DIR = path.join(import.meta.dirname, "sockets");
export const SERVERS_DIR = path.join(import.meta.dirname, "servers");

export function loadSocketPrograms(dir = SOCKETS_DIR): Program[] {
  return loadPrograms(dir);
}

export function runPython3(program: Program, timeoutMs: number): Promise<Outcome> {
  return runWithPython3(program, timeoutMs, { PYTHONPATH: path.join(import.meta.dirname, "multiprocessing", "python3"), PYTHONUNBUFFERED: "1" });
}

/** stderr as the asyncio suite normalizes it, and warnings without the file and line that raised them. */
export function normalizeSocketsStderr(text: string, programDir: string): string {
  const out: string[] = [];
  let skipSource = false;
  for (const line of normalizeAsyncioStderr(text, programDir).split("\n")) {
    const warning = /^(\/\S+\.py):\d+: (\w+Warning): (.*)$/.exec(line);
    if (warning) {
      // CPython 3.12+'s resource tracker also lists the leaked names (random ones); python3 here may be older.
      const message = warning[3]!.replace(/(leaked \w+ objects to clean up at shutdown): \{.*\}$/, "$1");
      out.push(`<stdlib>: ${warning[2]}: ${message}`);
      skipSource = true;
      continue;
    }
    if (skipSource && /^\s+\S/.test(line)) continue;
    skipSource = false;
    out.push(line);
  }
  return out.join("\n").trim();
}

export function judgeSockets(program: Program, python3: Outcome, ours: Outcome): string[] {
  const dir = path.dirname(program.file);
  return compareOutcomes(python3, ours, (stderr) => normalizeSocketsStderr(stderr, dir), "tracebacks' frames and warnings' places");
}
