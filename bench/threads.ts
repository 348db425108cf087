/**
 * Issue 4's rows: the thread runtime in headless Chromium through the batch harness (one browser, one warm worker).
 * Each program times itself with time.perf_counter() inside the interpreter and prints JSON, so the rows are
 * ratios measured within one run, as noisy machines need.
 */
import type { PythonHarness } from "../lib/python/harness/node";
import type { InterpreterModel } from "../lib/python/schedule";
import { atMost, inRounds, roundsFor, runTimed, Samples, withHarness, type BenchContext, type BenchModule, type Row } from "./lib";

const GROUP = "threads";

const LOOP = `
def spin(n):
    c = 0
    for _ in range(n):
        c += 1
    return c
`;

/** `work` twice, timed, in a program that has no other thread. */
const alone = (prelude: string, work: string) => `${prelude}
import json, time
t0 = time.perf_counter(); ${work}; ${work}
print(json.dumps({"ms": (time.perf_counter() - t0) * 1000}))
`;

/** The same with a second (idle) thread alive, so the ticker runs and preemption is armed all along. */
const besideIdleThread = (prelude: string, work: string) => `${prelude}
import json, threading, time
stop = threading.Event()
idle = threading.Thread(target=stop.wait)
idle.start()
t0 = time.perf_counter(); ${work}; ${work}
ms = (time.perf_counter() - t0) * 1000
stop.set(); idle.join()
print(json.dumps({"ms": ms}))
`;

const PROGRAMS = {
  serial: alone(LOOP, "spin(2_000_000)"),
  oneBusyOneIdle: besideIdleThread(LOOP, "spin(2_000_000)"),
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

// The same loop with calls in it: every call is an eval-breaker check (a switch point under the GIL model), so
// the SIGUSR1 handler can land at each of them; what it costs shows here.
const CALLS = `
def ident(x):
    return x

def spin_calls(n):
    c = 0
    for _ in range(n):
        c = int(ident(c)) + 1
    return c
`;

const MORE = {
  serialCalls: alone(CALLS, "spin_calls(500_000)"),
  oneBusyOneIdleCalls: besideIdleThread(CALLS, "spin_calls(500_000)"),
  // Issue 12's crash case, kept as a row: four threads fighting for one lock, switched out as often as possible.
  contended: `
import json, sys, threading, time
sys.setswitchinterval(0.0001)
lock = threading.Lock()
total = 0
def work():
    global total
    for _ in range(20_000):
        with lock:
            total += 1
t0 = time.perf_counter()
ts = [threading.Thread(target=work) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
assert total == 80_000, total
print(json.dumps({"ms": (time.perf_counter() - t0) * 1000}))
`,
  // Automatic garbage collection during runs (pyodide#6464, our patch): a long loop making cyclic garbage while a
  // second thread is parked must not keep it all. sys.getallocatedblocks() counts the interpreter's live blocks.
  garbage: `
import json, sys, threading, time
stop = threading.Event()
parked = threading.Thread(target=stop.wait)
parked.start()
before = sys.getallocatedblocks()
t0 = time.perf_counter()
for _ in range(1_000_000):
    a = []
    a.append(a)
ms = (time.perf_counter() - t0) * 1000
grew = sys.getallocatedblocks() - before
stop.set(); parked.join()
print(json.dumps({"ms": ms, "grew": grew}))
`,
} as const;

type Name = keyof typeof PROGRAMS | keyof typeof MORE;

async function measureAll(h: PythonHarness, name: Name, options: { seed?: number | null; model?: InterpreterModel } = {}): Promise<{ ms: number; grew?: number }> {
  const code = name in PROGRAMS ? PROGRAMS[name as keyof typeof PROGRAMS] : MORE[name as keyof typeof MORE];
  return runTimed<{ ms: number; grew?: number }>(h, { code, filename: `${name}.py`, seed: options.seed ?? null, model: options.model });
}

async function measure(h: PythonHarness, name: Name, seed: number | null = null, model?: InterpreterModel): Promise<number> {
  return (await measureAll(h, name, { seed, model })).ms;
}

export const threads: BenchModule = {
  name: "threads",
  needsSite: false,
  async run(ctx: BenchContext): Promise<Row[]> {
    return withHarness(async (h) => {
      const n = roundsFor(ctx);
      const samples = new Samples();
      const add = (key: string, v: number) => samples.add(key, v);
      await inRounds(ctx, "threads", n, async () => {
        // Interleave the programs so that a busy moment of the machine hits all of them alike.
        for (const name of Object.keys(PROGRAMS) as Name[]) add(name, await measure(h, name));
        add("twoBusySeeded", await measure(h, "twoBusy", 1));
        add("contended", await measure(h, "contended"));
        add("contendedSeeded", await measure(h, "contended", 1));
        const garbage = await measureAll(h, "garbage");
        add("garbage", garbage.ms);
        add("garbageGrew", garbage.grew ?? Number.NaN);
      });
      // The overhead rows compare small differences on a noisy machine: more interleaved pairs, and the fastest of
      // each (the run least disturbed by the rest of the machine) rather than the median.
      for (let i = 0; i < 2 * n; i++) {
        add("serial", await measure(h, "serial"));
        add("oneBusyOneIdle", await measure(h, "oneBusyOneIdle"));
        add("oneBusyOneIdleFt", await measure(h, "oneBusyOneIdle", null, "free-threaded"));
        add("serialCalls", await measure(h, "serialCalls"));
        add("oneBusyOneIdleCalls", await measure(h, "oneBusyOneIdleCalls"));
        add("twoBusy", await measure(h, "twoBusy"));
      }
      const m = (k: string) => samples.median(k);
      const best = (k: string) => samples.best(k);
      const overhead = (best("oneBusyOneIdle") / best("serial") - 1) * 100;
      const gil = best("twoBusy") / best("serial");
      const overheadCalls = (best("oneBusyOneIdleCalls") / best("serialCalls") - 1) * 100;
      const overheadFt = (best("oneBusyOneIdleFt") / best("serial") - 1) * 100;
      return [
        { group: GROUP, name: "preemption overhead: 4·10⁶ `c += 1` with a second thread alive vs alone", value: Math.round(overhead * 10) / 10, unit: "%", ...atMost(overhead, 5), note: `fastest of ${samples.of("serial").length}: ${best("oneBusyOneIdle").toFixed(0)} ms vs ${best("serial").toFixed(0)} ms` },
        { group: GROUP, name: "two CPU-bound threads / the same work serially (the GIL)", value: Math.round(gil * 100) / 100, unit: "x", ...atMost(gil, 1.15), note: `fastest of ${samples.of("twoBusy").length}: ${best("twoBusy").toFixed(0)} ms vs ${best("serial").toFixed(0)} ms` },
        { group: GROUP, name: "eight threads each sleeping 0.3 s, start → all joined", value: Math.round(m("sleepers")), unit: "ms", ...atMost(m("sleepers"), 400), note: samples.spread("sleepers") },
        { group: GROUP, name: "thread start() → its first line runs", value: Math.round(m("firstLine") * 100) / 100, unit: "ms", note: samples.spread("firstLine") },
        { group: GROUP, name: "100 threads created, started and joined", value: Math.round(m("hundred")), unit: "ms", note: samples.spread("hundred") },
        { group: GROUP, name: "deterministic mode: two CPU-bound threads, seeded / realistic", value: Math.round((m("twoBusySeeded") / m("twoBusy")) * 10) / 10, unit: "x", note: `${m("twoBusySeeded").toFixed(0)} ms seeded` },
        {
          group: GROUP,
          name: "preemption overhead with call-boundary switch points: 10⁶ `c = int(ident(c)) + 1` with a second thread alive vs alone",
          value: Math.round(overheadCalls * 10) / 10,
          unit: "%",
          ...atMost(overheadCalls, 5),
          note: `fastest of ${samples.of("serialCalls").length}: ${best("oneBusyOneIdleCalls").toFixed(0)} ms vs ${best("serialCalls").toFixed(0)} ms`,
        },
        {
          group: GROUP,
          name: "preemption overhead, free-threaded model: 4·10⁶ `c += 1` with a second thread alive vs alone",
          value: Math.round(overheadFt * 10) / 10,
          unit: "%",
          note: `fastest of ${samples.of("oneBusyOneIdleFt").length}: ${best("oneBusyOneIdleFt").toFixed(0)} ms vs ${best("serial").toFixed(0)} ms (a second thread idle: the 1 ms ticker runs, nothing to switch to)`,
        },
        { group: GROUP, name: "contended lock: 4 threads × 20,000 `with lock:` at a 0.1 ms switch interval", value: Math.round(m("contended")), unit: "ms", note: `finished with the right total; ${samples.spread("contended")}` },
        { group: GROUP, name: "contended lock, deterministic mode (--seed 1)", value: Math.round(m("contendedSeeded")), unit: "ms", note: samples.spread("contendedSeeded") },
        {
          group: GROUP,
          name: "cyclic garbage: live blocks after 10⁶ self-referencing lists made in a run with a parked thread (automatic GC)",
          value: Math.round(m("garbageGrew")),
          unit: "count",
          ...atMost(m("garbageGrew"), 100_000),
          note: `sys.getallocatedblocks() growth; without collection it would be over 10⁶; loop ${m("garbage").toFixed(0)} ms`,
        },
      ];
    });
  },
};
