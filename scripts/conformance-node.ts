// node --experimental-wasm-stack-switching --import tsx scripts/conformance-node.ts DIR [NAME-FILTER...]
//
// A development loop for the conformance suites (asyncio, sockets, servers): each single-process program in
// tests/conformance/DIR runs with this machine's python3 and with Interleave under Node (scripts/threads-node-dev.ts),
// judged as in npm test. `npm test` runs the same programs in headless Chromium; this is only quicker to iterate with.
import path from "node:path";
import { loadPrograms } from "../tests/conformance/threading-spec";
import { judgeSockets as judge, runPython3 as runSocketsPython3 } from "../tests/conformance/sockets-spec";
import { startNodeRuntime } from "./threads-node-dev";

const [dir, ...filters] = process.argv.slice(2);
if (!dir) {
  console.error("usage: scripts/conformance-node.ts DIR [NAME-FILTER...]");
  process.exit(2);
}
const programDir = path.join(import.meta.dirname, "..", "tests", "conformance", dir);
const selected = loadPrograms(programDir).filter((p) => !filters.length || filters.some((f) => p.name.includes(f)));
// Processes need the page (client/processes.ts): those programs run only in Chromium.
const programs = selected.filter((p) => !/\bmultiprocessing\b/.test(p.code));
if (programs.length < selected.length) console.log(`(${selected.length - programs.length} programs that start processes are left to npm test)`);
const rt = await startNodeRuntime();
let failed = 0;
for (const program of programs) {
  const python3 = await runSocketsPython3(program, program.expect === "deadlock" ? 3000 : 30_000);
  const ours = await rt.run(program.code, { filename: program.name, timeoutMs: 60_000 });
  const problems = judge(program, python3, ours);
  console.log(`${problems.length ? "FAIL" : "ok  "} ${program.name.padEnd(44)} ${ours.durationMs.toFixed(0).padStart(6)} ms`);
  if (problems.length) {
    failed++;
    console.log(`  ${problems.join("\n  ").replace(/\n/g, "\n    ")}`);
  }
}
await rt.close();
console.log(`${programs.length - failed}/${programs.length} passed`);
process.exit(failed ? 1 : 0);
