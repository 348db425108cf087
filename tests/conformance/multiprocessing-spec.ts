/**
 * The multiprocessing conformance suite (tests/conformance/multiprocessing/*.py): each program is run with this
 * machine's python3 under the spawn start method (the only one in the browser; multiprocessing/python3/
 * sitecustomize.py makes it python3's default without fixing it) and unbuffered output (so the lines of several
 * processes interleave as they are written, as in the browser's console), and judged as the threading suite is.
 */
import path from "node:path";
import { loadPrograms as loadFrom, runPython3 as runWithPython3, type Outcome, type Program } from "./threading-spec";

export { judge } from "./threading-spec";

export const PROGRAM_DIR = path.join(import.meta.dirname, "multiprocessing");

export function loadPrograms(): Program[] {
  return loadFrom(PROGRAM_DIR);
}

export function runPython3(program: Program, timeoutMs: number): Promise<Outcome> {
  return runWithPython3(program, timeoutMs, { PYTHONPATH: path.join(PROGRAM_DIR, "python3"), PYTHONUNBUFFERED: "1" });
}
