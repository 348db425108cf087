/**
 * Issue 6's rows: asyncio on Interleave's event loop (CPython's BaseEventLoop over a green-thread wait) in headless
 * Chromium through the batch harness, against this machine's python3 in the same bench run. Each program times
 * itself with time.perf_counter() inside the interpreter and prints JSON.
 */
import { spawnSync } from "node:child_process";
import { PythonHarness } from "../lib/python/harness/node";
import { atMost, median, spread, type BenchContext, type BenchModule, type Row } from "./lib";

const GROUP = "asyncio";

/** `RECORD` is replaced by a line that turns the event-loop picture off (or by nothing). */
const PROGRAMS = {
  tenThousand: `
import asyncio, json, time
RECORD
async def one():
    await asyncio.sleep(0)
async def main():
    t0 = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(10_000)))
    return (time.perf_counter() - t0) * 1000
print(json.dumps({"ms": asyncio.run(main())}))
`,
  sleepers: `
import asyncio, json, time
RECORD
async def main():
    t0 = time.perf_counter()
    await asyncio.gather(*(asyncio.sleep(0.1) for _ in range(1_000)))
    return (time.perf_counter() - t0) * 1000
print(json.dumps({"ms": asyncio.run(main())}))
`,
  // A lesson-sized program (within the picture's limits, so every step is recorded): 50 tasks × 40 hand-overs.
  small: `
import asyncio, json, time
RECORD
async def worker(n):
    for _ in range(40):
        await asyncio.sleep(0)
async def main():
    t0 = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(50)))
    return (time.perf_counter() - t0) * 1000
print(json.dumps({"ms": asyncio.run(main())}))
`,
} as const;

type Name = keyof typeof PROGRAMS;
const OFF = "import interleave.asyncio; interleave.asyncio.set_recording(False)";

function code(name: Name, record: boolean, native = false) {
  return PROGRAMS[name].replace("RECORD", native || record ? "" : OFF);
}

async function measure(h: PythonHarness, name: Name, record: boolean): Promise<number> {
  const r = await h.run({ code: code(name, record), filename: `${name}.py`, timeoutMs: 120_000 });
  if (r.result.status !== "ok") throw new Error(`${name}: ${r.result.status}\n${r.stderr}`);
  return (JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "") as { ms: number }).ms;
}

function native(name: Name): number {
  const out = spawnSync("python3", ["-c", code(name, true, true)], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`python3 ${name}: ${out.stderr}`);
  return (JSON.parse(out.stdout.trim()) as { ms: number }).ms;
}

export const asyncio: BenchModule = {
  name: "asyncio",
  needsSite: false,
  async run(ctx: BenchContext): Promise<Row[]> {
    const h = await PythonHarness.start();
    try {
      const n = Math.max(3, Math.ceil(ctx.trials / 2));
      const samples: Record<string, number[]> = {};
      const add = (key: string, v: number) => (samples[key] ??= []).push(v);
      for (let i = 0; i < n; i++) {
        ctx.log(`asyncio: round ${i + 1}/${n}`);
        // Interleaved, so that a busy moment of the machine hits all of them alike.
        for (const name of Object.keys(PROGRAMS) as Name[]) {
          add(`${name}:on`, await measure(h, name, true));
          add(`${name}:off`, await measure(h, name, false));
        }
        add("tenThousand:native", native("tenThousand"));
        add("sleepers:native", native("sleepers"));
      }
      const m = (k: string) => median(samples[k]!);
      const ratio = m("tenThousand:off") / m("tenThousand:native");
      const overhead = (a: string) => (m(`${a}:on`) / m(`${a}:off`) - 1) * 100;
      const r1 = (v: number) => Math.round(v * 10) / 10;
      return [
        { group: GROUP, name: "10,000 tasks each awaiting sleep(0) (gather), vs native python3", value: Math.round(ratio * 10) / 10, unit: "x", ...atMost(ratio, 10), note: `${m("tenThousand:off").toFixed(0)} ms vs python3 ${m("tenThousand:native").toFixed(0)} ms; ${spread(samples["tenThousand:off"]!)}` },
        { group: GROUP, name: "1,000 concurrent sleep(0.1), gather → all done", value: Math.round(m("sleepers:off")), unit: "ms", ...atMost(m("sleepers:off"), 150), note: `python3 ${m("sleepers:native").toFixed(0)} ms; ${spread(samples["sleepers:off"]!)}` },
        { group: GROUP, name: "recording the event-loop picture: 10,000 tasks (past its limits), on vs off", value: r1(overhead("tenThousand")), unit: "%", note: `${m("tenThousand:on").toFixed(0)} ms vs ${m("tenThousand:off").toFixed(0)} ms` },
        { group: GROUP, name: "recording the event-loop picture: 50 tasks × 40 sleep(0) (all recorded), on vs off", value: r1(overhead("small")), unit: "%", note: `${m("small:on").toFixed(0)} ms vs ${m("small:off").toFixed(0)} ms` },
        { group: GROUP, name: "recording the event-loop picture: 1,000 concurrent sleep(0.1), on vs off", value: r1(overhead("sleepers")), unit: "%", note: `${m("sleepers:on").toFixed(0)} ms vs ${m("sleepers:off").toFixed(0)} ms` },
      ];
    } finally {
      await h.close();
    }
  },
};
