/**
 * The multiprocessing conformance suite (tests/conformance/multiprocessing/*.py): each program is run with this
 * machine's python3 under the spawn start method (the only one in the browser; multiprocessing/python3/
 * sitecustomize.py makes it python3's default without fixing it) and unbuffered output (so the lines of several
 * processes interleave as they are written, as in the browser's console), and judged as the threading suite is.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { loadPrograms as loadFrom, type Outcome, type Program } from "./threading-spec";

export { judge } from "./threading-spec";

export const PROGRAM_DIR = path.join(import.meta.dirname, "multiprocessing");

export function loadPrograms(): Program[] {
  return loadFrom(PROGRAM_DIR);
}

export function runPython3(program: Program, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const env = { ...process.env, PYTHONPATH: path.join(PROGRAM_DIR, "python3"), PYTHONUNBUFFERED: "1" };
    const child = spawn("python3", [program.name], { cwd: path.dirname(program.file), stdio: ["ignore", "pipe", "pipe"], env });
    let stdout = "";
    let stderr = "";
    let hung = false;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      hung = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, exitCode: hung ? null : code, hung });
    });
  });
}
