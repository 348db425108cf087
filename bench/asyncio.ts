/**
 * Issue 6's rows: asyncio on Interleave's event loop (CPython's BaseEventLoop over a green-thread wait) in headless
 * Chromium through the batch harness, against this machine's python3 in the same bench run. Each program times
 * itself with time.perf_counter() inside the interpreter and prints JSON.
 */
import type { PythonHarness } from "../lib/python/harness/node";
import { atMost, inRounds, roundsFor, runNative, runTimed, Samples, withHarness, type BenchContext, type BenchModule, type Row } from "./lib";

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
  return (await runTimed(h, { code: code(name, record), filename: `${name}.py` })).ms;
}

function native(name: Name): number {
  return runNative(name, code(name, true, true)).ms;
}

export const asyncio: BenchModule = {
  name: "asyncio",
  needsSite: false,
  async run(ctx: BenchContext): Promise<Row[]> {
    return withHarness(async (h) => {
      const samples = new Samples();
      await inRounds(ctx, "asyncio", roundsFor(ctx), async () => {
        // Interleaved, so that a busy moment of the machine hits all of them alike.
        for (const name of Object.keys(PROGRAMS) as Name[]) {
          samples.add(`${name}:on`, await measure(h, name, true));
          samples.add(`${name}:off`, await measure(h, name, false));
        }
        samples.add("tenThousand:native", native("tenThousand"));
        samples.add("sleepers:native", native("sleepers"));
      });
      const m = (k: string) => samples.median(k);
      const ratio = m("tenThousand:off") / m("tenThousand:native");
      const overhead = (a: string) => (m(`${a}:on`) / m(`${a}:off`) - 1) * 100;
      const r1 = (v: number) => Math.round(v * 10) / 10;
      return [
        { group: GROUP, name: "10,000 tasks each awaiting sleep(0) (gather), vs native python3", value: Math.round(ratio * 10) / 10, unit: "x", ...atMost(ratio, 10), note: `${m("tenThousand:off").toFixed(0)} ms vs python3 ${m("tenThousand:native").toFixed(0)} ms; ${samples.spread("tenThousand:off")}` },
        { group: GROUP, name: "1,000 concurrent sleep(0.1), gather → all done", value: Math.round(m("sleepers:off")), unit: "ms", ...atMost(m("sleepers:off"), 150), note: `python3 ${m("sleepers:native").toFixed(0)} ms; ${samples.spread("sleepers:off")}` },
        { group: GROUP, name: "recording the event-loop picture: 10,000 tasks (past its limits), on vs off", value: r1(overhead("tenThousand")), unit: "%", note: `${m("tenThousand:on").toFixed(0)} ms vs ${m("tenThousand:off").toFixed(0)} ms` },
        { group: GROUP, name: "recording the event-loop picture: 50 tasks × 40 sleep(0) (all recorded), on vs off", value: r1(overhead("small")), unit: "%", note: `${m("small:on").toFixed(0)} ms vs ${m("small:off").toFixed(0)} ms` },
        { group: GROUP, name: "recording the event-loop picture: 1,000 concurrent sleep(0.1), on vs off", value: r1(overhead("sleepers")), unit: "%", note: `${m("sleepers:on").toFixed(0)} ms vs ${m("sleepers:off").toFixed(0)} ms` },
      ];
    });
  },
};
