/**
 * Issue 4's rows: the thread runtime in headless Chromium through the batch harness (one browser, one warm worker).
 * Each program times itself with time.perf_counter() inside the interpreter and prints JSON, so the rows are
 * ratios measured within one run, as noisy machines need.
 */
import { PythonHarness } from "../lib/python/harness/node";
import { atMost, median, spread, type BenchContext, type BenchModule, type Row } from "./lib";

const GROUP = "threads";

const LOOP = `
def spin(n):
    c = 0
    for _ in range(n):
        c += 1
    return c
`;

const PROGRAMS = {
  serial: `${LOOP}
import json, time
t0 = time.perf_counter(); spin(2_000_000); spin(2_000_000)
print(json.dumps({"ms": (time.perf_counter() - t0) * 1000}))
`,
  // The same work with a second (idle) thread alive, so the ticker runs and preemption is armed all along.
  oneBusyOneIdle: `${LOOP}
import json, threading, time
stop = threading.Event()
idle = threading.Thread(target=stop.wait)
idle.start()
t0 = time.perf_counter(); spin(2_000_000); spin(2_000_000)
ms = (time.perf_counter() - t0) * 1000
stop.set(); idle.join()
print(json.dumps({"ms": ms}))
`,
  twoBusy: `${LOOP}
import json, threading, time
t0 = time.perf_counter()
ts = [threading.Thread(target=spin, args=(2_000_000,)) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print(json.dumps({"ms": (time.perf_counter() - t0) * 1000}))
`,
  sleepers: `
import json, threading, time
t0 = time.perf_counter()
ts = [threading.Thread(target=time.sleep, args=(0.3,)) for _ in range(8)]
for t in ts: t.start()
for t in ts: t.join()
print(json.dumps({"ms": (time.perf_counter() - t0) * 1000}))
`,
  firstLine: `
import json, threading, time
seen = []
t0 = time.perf_counter()
t = threading.Thread(target=lambda: seen.append(time.perf_counter()))
t.start(); t.join()
print(json.dumps({"ms": (seen[0] - t0) * 1000}))
`,
  hundred: `
import json, threading, time
t0 = time.perf_counter()
ts = [threading.Thread(target=lambda: None) for _ in range(100)]
for t in ts: t.start()
for t in ts: t.join()
print(json.dumps({"ms": (time.perf_counter() - t0) * 1000}))
`,
} as const;

type Name = keyof typeof PROGRAMS;

async function measure(h: PythonHarness, name: Name, seed: number | null = null): Promise<number> {
  const r = await h.run({ code: PROGRAMS[name], filename: `${name}.py`, seed, timeoutMs: 120_000 });
  const line = r.stdout.trim().split("\n").at(-1) ?? "";
  if (r.result.status !== "ok") throw new Error(`${name}: ${r.result.status}\n${r.stderr}`);
  return (JSON.parse(line) as { ms: number }).ms;
}

export const threads: BenchModule = {
  name: "threads",
  needsSite: false,
  async run(ctx: BenchContext): Promise<Row[]> {
    const h = await PythonHarness.start();
    try {
      const n = Math.max(3, Math.ceil(ctx.trials / 2));
      const samples: Record<string, number[]> = {};
      const add = (key: string, v: number) => (samples[key] ??= []).push(v);
      for (let i = 0; i < n; i++) {
        ctx.log(`threads: round ${i + 1}/${n}`);
        // Interleave the programs so that a busy moment of the machine hits all of them alike.
        for (const name of Object.keys(PROGRAMS) as Name[]) add(name, await measure(h, name));
        add("twoBusySeeded", await measure(h, "twoBusy", 1));
      }
      const m = (k: string) => median(samples[k]!);
      const overhead = (m("oneBusyOneIdle") / m("serial") - 1) * 100;
      const gil = m("twoBusy") / m("serial");
      return [
        { group: GROUP, name: "preemption overhead: 4·10⁶ `c += 1` with a second thread alive vs alone", value: Math.round(overhead * 10) / 10, unit: "%", ...atMost(overhead, 5), note: `${m("oneBusyOneIdle").toFixed(0)} ms vs ${m("serial").toFixed(0)} ms` },
        { group: GROUP, name: "two CPU-bound threads / the same work serially (the GIL)", value: Math.round(gil * 100) / 100, unit: "x", ...atMost(gil, 1.15), note: `${m("twoBusy").toFixed(0)} ms; ${spread(samples.twoBusy!)}` },
        { group: GROUP, name: "eight threads each sleeping 0.3 s, start → all joined", value: Math.round(m("sleepers")), unit: "ms", ...atMost(m("sleepers"), 400), note: spread(samples.sleepers!) },
        { group: GROUP, name: "thread start() → its first line runs", value: Math.round(m("firstLine") * 100) / 100, unit: "ms", note: spread(samples.firstLine!) },
        { group: GROUP, name: "100 threads created, started and joined", value: Math.round(m("hundred")), unit: "ms", note: spread(samples.hundred!) },
        { group: GROUP, name: "deterministic mode: two CPU-bound threads, seeded / realistic", value: Math.round((m("twoBusySeeded") / m("twoBusy")) * 10) / 10, unit: "x", note: `${m("twoBusySeeded").toFixed(0)} ms seeded` },
      ];
    } finally {
      await h.close();
    }
  },
};
