/**
 * The threading conformance suite (tests/conformance/threading/*.py): what each program expects, how to run it with
 * this machine's python3, and how an Interleave run is judged against that. Shared by the Chromium test
 * (threading.test.ts) and the Node development check (scripts/threads-conformance.ts).
 *
 * Header of each program (comment lines at the top):
 *   # Conformance: what it checks
 *   # expect: same       stdout and exit code equal python3's; stderr equal once tracebacks' frames are left out
 *   # expect: deadlock   python3 hangs (killed after a timeout); Interleave must stop with status "deadlock",
 *                        exit code 1 and a report on stderr
 *   # report: a, b       strings the deadlock report must contain
 *   # seeded: skip       do not check the program under deterministic seeds (see `seededChecks`)
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const PROGRAM_DIR = path.join(import.meta.dirname, "threading");

export interface Program {
  name: string;
  file: string;
  code: string;
  expect: "same" | "deadlock";
  report: string[];
  seeded: boolean;
}

export function loadPrograms(dir = PROGRAM_DIR): Program[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".py"))
    .sort()
    .map((f) => {
      const code = fs.readFileSync(path.join(dir, f), "utf8");
      const header = (key: string) => code.match(new RegExp(`^# ${key}: *(.*)$`, "m"))?.[1]?.trim();
      const expect = header("expect");
      if (expect !== "same" && expect !== "deadlock") throw new Error(`${f}: "# expect: same" or "# expect: deadlock" missing`);
      const report = (header("report") ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      return { name: f, file: path.join(dir, f), code, expect, report, seeded: header("seeded") !== "skip" };
    });
}

export interface Outcome {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  /** python3 only: killed after the timeout (how CPython "reports" a deadlock). */
  hung?: boolean;
  status?: string;
}

/** Runs a program with this machine's python3 from the program's directory (so tracebacks name the file alone),
 *  with extra environment variables when given. */
export function runPython3(program: Program, timeoutMs: number, env?: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn("python3", [program.name], { cwd: path.dirname(program.file), stdio: ["ignore", "pipe", "pipe"], env: env && { ...process.env, ...env } });
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

/**
 * stderr without what legitimately differs between CPython on disk and Pyodide: the frames of tracebacks (paths,
 * line numbers and source lines of the standard library) and object addresses.
 */
export function normalizeStderr(text: string): string {
  const out: string[] = [];
  let inFrame = false;
  for (const line of text.split("\n")) {
    if (/^\s+File "/.test(line)) {
      inFrame = true;
      continue;
    }
    if (inFrame && /^\s{4,}/.test(line)) continue;
    inFrame = false;
    out.push(line.replace(/0x[0-9a-f]+/g, "0x…"));
  }
  return out.join("\n").trim();
}

/**
 * Where the runtime's own files live in the browser, and its package's name: no output of a program (tracebacks'
 * frames included, which the comparison leaves out) may name them. python3 has no such files, so a mention is the
 * runtime showing through (issue 24).
 */
const RUNTIME_MENTION = /\/lib\/interleave-runtime\b|\binterleave\/|\binterleave\.(?:threads|processes|asyncio|net|runner|_visible)\b/;

/** Lines of ours (stdout, stderr) that name the runtime's own files or modules. */
export function runtimeMentions(ours: Pick<Outcome, "stdout" | "stderr">): string[] {
  return [...ours.stdout.split("\n"), ...ours.stderr.split("\n")].filter((line) => RUNTIME_MENTION.test(line));
}

/**
 * Differences between python3's outcome and ours for a program that ends (no deadlock expected), in words: a hang of
 * python3's, stdout, the exit code, and stderr as `normalize` reads it (`leftOut` says what it leaves out); and,
 * as for every program, output that names the runtime's own files. Empty when the verdicts agree.
 */
export function compareOutcomes(python3: Outcome, ours: Outcome, normalize: (stderr: string) => string, leftOut = "tracebacks' frames"): string[] {
  const problems = mentionProblems(ours);
  if (python3.hung) problems.push("python3 hung");
  if (ours.stdout !== python3.stdout) problems.push(`stdout differs:\n--- python3\n${python3.stdout}--- ours\n${ours.stdout}`);
  if (ours.exitCode !== python3.exitCode) problems.push(`exit code ${ours.exitCode}, python3 ${python3.exitCode}`);
  const a = normalize(python3.stderr);
  const b = normalize(ours.stderr);
  if (a !== b) problems.push(`stderr differs (${leftOut} left out):\n--- python3\n${a}\n--- ours\n${b}`);
  return problems;
}

function mentionProblems(ours: Outcome): string[] {
  const mentions = runtimeMentions(ours);
  return mentions.length ? [`the output names the runtime's own files:\n${mentions.join("\n")}`] : [];
}

/** Differences between python3's outcome and ours, in words; empty when the verdicts agree. */
export function judge(program: Program, python3: Outcome, ours: Outcome): string[] {
  if (program.expect !== "deadlock") return compareOutcomes(python3, ours, normalizeStderr);
  const problems = mentionProblems(ours);
  if (!python3.hung) problems.push(`python3 did not hang (exit ${python3.exitCode}): the program does not deadlock on CPython`);
  if (ours.status !== "deadlock") problems.push(`status ${ours.status ?? "?"}, expected "deadlock"`);
  if (ours.exitCode !== 1) problems.push(`exit code ${ours.exitCode}, expected 1`);
  if (!/Deadlock/.test(ours.stderr)) problems.push("no deadlock report on stderr");
  for (const s of program.report) if (!ours.stderr.includes(s)) problems.push(`report lacks ${JSON.stringify(s)}`);
  if (ours.stdout !== python3.stdout) problems.push(`stdout differs:\n--- python3\n${python3.stdout}--- ours\n${ours.stdout}`);
  return problems;
}

/** Seeds every program is also run with (deterministic mode): each twice, and both runs must be identical. */
export const SEEDS = [1, 2];
