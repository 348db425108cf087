// node --experimental-wasm-stack-switching --import tsx scripts/threads-conformance.ts [--no-seeds] [NAME-FILTER...]
//
// The threading conformance suite under Node (the thread runtime's development loop; `npm test` runs the same
// suite in headless Chromium, tests/conformance/threading.test.ts). Each program runs with python3 and with
// Interleave in realistic mode; then twice per seed in deterministic mode (same verdict, identical output).
import { judge, loadPrograms, runPython3, SEEDS } from "../tests/conformance/threading-spec";
import { startNodeRuntime } from "./threads-node-dev";

const args = process.argv.slice(2);
const seeds = args.includes("--no-seeds") ? [] : SEEDS;
const filters = args.filter((a) => !a.startsWith("--"));
const programs = loadPrograms().filter((p) => !filters.length || filters.some((f) => p.name.includes(f)));

const rt = await startNodeRuntime();
let failed = 0;
const rows: string[] = [];
for (const program of programs) {
  const python3 = await runPython3(program, program.expect === "deadlock" ? 3000 : 30_000);
  const problems: string[] = [];
  const realistic = await rt.run(program.code, { filename: program.name, timeoutMs: 60_000 });
  problems.push(...judge(program, python3, realistic).map((p) => `realistic: ${p}`));
  let seededMs = 0;
  if (program.seeded) {
    for (const seed of seeds) {
      const first = await rt.run(program.code, { filename: program.name, seed, timeoutMs: 60_000 });
      const second = await rt.run(program.code, { filename: program.name, seed, timeoutMs: 60_000 });
      seededMs += first.durationMs;
      problems.push(...judge(program, python3, first).map((p) => `seed ${seed}: ${p}`));
      if (first.stdout !== second.stdout || first.stderr !== second.stderr) problems.push(`seed ${seed}: two runs differ`);
    }
  }
  const trace = realistic.traces.find((t) => t.name === "threads")?.data as { switches?: number; preemptions?: number } | undefined;
  const info = `${realistic.durationMs.toFixed(0).padStart(5)} ms  ${String(trace?.switches ?? "-").padStart(5)} sw ${String(trace?.preemptions ?? "-").padStart(4)} pre  seeded ${seededMs.toFixed(0).padStart(5)} ms`;
  rows.push(`${problems.length ? "FAIL" : "ok  "} ${program.name.padEnd(40)} ${info}`);
  console.log(rows.at(-1));
  if (problems.length) {
    failed++;
    console.log(`\n✖ ${program.name}\n  ${problems.join("\n  ").replace(/\n/g, "\n    ")}`);
  }
}
console.log(`\n${rows.join("\n")}\n\n${programs.length - failed}/${programs.length} passed`);
await rt.close();
process.exit(failed ? 1 : 0);
