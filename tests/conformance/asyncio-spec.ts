/**
 * The asyncio conformance suite (tests/conformance/asyncio/*.py), judged like the threading suite (see
 * threading-spec.ts for the program header) with two more things left out of stderr: the frames of exception-group
 * tracebacks (printed behind "|" margins) and the directory of the program (python3 names it by its absolute path
 * in task reprs, Interleave by its file name); and a warning with no frame (at exit) is read in CPython 3.13+'s
 * spelling.
 */
import path from "node:path";
import { loadPrograms, compareOutcomes, type Outcome, type Program } from "./threading-spec";

export { runPython3 } from "./threading-spec";

export const ASYNCIO_DIR = path.join(import.meta.dirname, "asyncio");

export function loadAsyncioPrograms(dir = ASYNCIO_DIR): Program[] {
  return loadPrograms(dir);
}

/**
 * A warning issued with no Python frame running (a coroutine never awaited that is collected at exit) is attributed
 * to "sys", line 1, up to CPython 3.12 and to "<sys>", line 0, from 3.13 (gh-117535): python3 here is older than the
 * runtime's CPython 3.14, so its spelling is read as the newer one.
 */
const NO_FRAME_WARNING = /^sys:1: (\w+Warning: )/;

/**
 * stderr without tracebacks' frames (also inside exception groups' margins), addresses and the program's folder;
 * warnings issued with no frame spelled as CPython 3.13+ does.
 */
export function normalizeAsyncioStderr(text: string, programDir: string): string {
  const out: string[] = [];
  let frameMargin = -1;
  for (const raw of text.split("\n")) {
    const line = raw.split(programDir + path.sep).join("").replace(NO_FRAME_WARNING, "<sys>:0: $1");
    const [, margin, rest] = /^([\s|]*)(.*)$/.exec(line) ?? ["", "", line];
    if (rest.startsWith('File "')) {
      frameMargin = margin.length;
      continue;
    }
    if (frameMargin >= 0 && margin.length > frameMargin && rest !== "") continue;
    frameMargin = -1;
    out.push(line.replace(/0x[0-9a-f]+/g, "0x…").trimEnd());
  }
  return out.join("\n").trim();
}

/** Differences between python3's outcome and ours, in words; empty when the verdicts agree. */
export function judgeAsyncio(program: Program, python3: Outcome, ours: Outcome): string[] {
  const dir = path.dirname(program.file);
  return compareOutcomes(python3, ours, (stderr) => normalizeAsyncioStderr(stderr, dir));
}
