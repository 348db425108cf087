/**
 * Issue 5's rows: multiprocessing in headless Chromium through the batch harness (one browser; each process is a
 * worker of its own). Programs time themselves inside the interpreter and print JSON.
 */
import os from "node:os";
import { type PythonHarness } from "../lib/python/harness/node";
import { atLeast, atMost, inRounds, roundsFor, runTimed, Samples, withHarness, type BenchContext, type BenchModule, type Row } from "./lib";

const GROUP = "processes";

const POOL = `
import json, time
import multiprocessing as mp

def work(n):
    c = 0
    for _ in range(n):
        c += 1
    return c

def pid_after(seconds):
    import os
    time.sleep(seconds)
    return os.getpid()

if __name__ == "__main__":
    N, K = 4_000_000, 4
    t0 = time.perf_counter()
    with mp.Pool(2) as pool:
        while len(set(pool.map(pid_after, [0.05] * 4, chunksize=1))) < 2:
            pass  # until both workers are up and answering (no interpreter is starting any more)
        t_ready = time.perf_counter()
        serial = [work(N) for _ in range(K)]  # the parent alone, the pool idle
        t_serial = time.perf_counter() - t_ready
        t1 = time.perf_counter()
        parallel = pool.map(work, [N] * K, chunksize=1)
        t_parallel = time.perf_counter() - t1
    t_total = time.perf_counter() - t0 - t_serial
    assert parallel == serial
    print(json.dumps({"serial": t_serial * 1000, "parallel": t_parallel * 1000, "total": t_total * 1000}))
`;

// The start → first line of a child, in wall-clock time (time.time() is the same clock in every worker).
// `mod` is how the program imports multiprocessing: spelled out, the runtime sees it and has a worker ready
// before the program starts; computed, it cannot (a cold start: the child waits for a new interpreter).
const startup = (mod: string) => `
import json, time
mp = ${mod}

def first(q):
    q.put(time.time())

if __name__ == "__main__":
    q = mp.Queue()
    times = []
    for i in range(3):
        t0 = time.time()
        p = mp.Process(target=first, args=(q,))
        p.start()
        times.append((q.get() - t0) * 1000)
        p.join()
    print(json.dumps({"first": times[0], "warm": min(times[1:])}))
`;

// Issue 24: a textbook's Pool(4) followed at once by get(timeout=1), on a page that ran a multiprocessing program
// before (its spare workers refilled since) — a learner's second Run.
const POOL4_FIRST = `
import json, time
import multiprocessing as mp

if __name__ == "__main__":
    t0 = time.perf_counter()
    with mp.Pool(4) as pool:
        pool.apply_async(abs, (-1,)).get(timeout=60)
        first = time.perf_counter() - t0
    print(json.dumps({"first": first * 1000}))
`;

/** Waits until the page has as many workers ready for children as it keeps (at most 60 s). */
async function sparesReady(h: PythonHarness, want: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && (await h.debugState()).spareProcesses < want) await new Promise((r) => setTimeout(r, 100));
}

const QUEUE_10MB = `
import json, time
import multiprocessing as mp

def echo_len(inq, outq):
    while True:
        item = inq.get()
        if item is None:
            break
        outq.put(len(item))

if __name__ == "__main__":
    inq, outq = mp.Queue(), mp.Queue()
    p = mp.Process(target=echo_len, args=(inq, outq))
    p.start()
    inq.put(b"warm")
    assert outq.get() == 4  # the child is up and reading
    data = bytes(10 * 1024 * 1024)
    t0 = time.perf_counter()
    inq.put(data)
    n = outq.get()
    ms = (time.perf_counter() - t0) * 1000
    inq.put(None)
    p.join()
    assert n == len(data)
    print(json.dumps({"ms": ms}))
`;

const PIPE_10K = `
import json, time
import multiprocessing as mp

def drain(conn, n):
    conn.send("ready")
    total = 0
    for _ in range(n):
        total += conn.recv()
    conn.send(total)

if __name__ == "__main__":
    N = 10_000
    a, b = mp.Pipe()
    p = mp.Process(target=drain, args=(b, N))
    p.start()
    assert a.recv() == "ready"
    t0 = time.perf_counter()
    for i in range(N):
        a.send(i)
    total = a.recv()
    ms = (time.perf_counter() - t0) * 1000
    p.join()
    assert total == N * (N - 1) // 2
    print(json.dumps({"ms": ms}))
`;

function runJson(h: PythonHarness, name: string, code: string): Promise<Record<string, number>> {
  return runTimed<Record<string, number>>(h, { code, filename: `${name}.py`, timeoutMs: 180_000 });
}

export const processes: BenchModule = {
  name: "processes",
  needsSite: false,
  async run(ctx: BenchContext): Promise<Row[]> {
    const samples = new Samples();
    const add = (key: string, v: number) => samples.add(key, v);
    // A fresh page each round: no worker is ready for the first start.
    await inRounds(ctx, "processes", roundsFor(ctx), () =>
      withHarness(async (h) => {
        const cold = await runJson(h, "cold", startup(`__import__("multi" + "processing")`));
        add("cold", cold.first!);
        const warm = await runJson(h, "warm", startup("__import__('multiprocessing')  # multiprocessing"));
        add("warm", warm.warm!);
        add("warmFirst", warm.first!);
        const pool = await runJson(h, "pool", POOL);
        add("speedup", pool.serial! / pool.parallel!);
        add("serial", pool.serial!);
        add("parallel", pool.parallel!);
        add("poolTotal", pool.total!);
        await sparesReady(h, Math.min(2, os.cpus().length));
        add("pool4", (await runJson(h, "pool4", POOL4_FIRST)).first!);
        add("queue", (await runJson(h, "queue", QUEUE_10MB)).ms!);
        add("pipe", (await runJson(h, "pipe", PIPE_10K)).ms!);
      }),
    );
    const m = (k: string) => samples.median(k);
    const speedup = m("speedup");
    return [
      {
        group: GROUP,
        name: "Pool(2).map of CPU-bound work / the same work serially in the parent (speed-up)",
        value: Math.round(speedup * 100) / 100,
        unit: "x",
        ...atLeast(speedup, 1.7),
        note: `median of per-round ratios ${samples.of("speedup").map((r) => r.toFixed(2)).join(", ")}; medians: serial ${m("serial").toFixed(0)} ms, pool ${m("parallel").toFixed(0)} ms (pool start-up excluded; the pool's whole life without the serial part ${m("poolTotal").toFixed(0)} ms); load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
      },
      { group: GROUP, name: "Process.start() → the child's first line, cold (no worker ready)", value: Math.round(m("cold")), unit: "ms", note: samples.spread("cold") },
      { group: GROUP, name: "Process.start() → the child's first line, warm (a ready worker)", value: Math.round(m("warm")), unit: "ms", ...atMost(m("warm"), 300), note: samples.spread("warm") },
      { group: GROUP, name: "first Process.start() of a program that imports multiprocessing (worker readied at Run)", value: Math.round(m("warmFirst")), unit: "ms", note: samples.spread("warmFirst") },
      {
        group: GROUP,
        name: "Pool(4) → its first apply_async result, the page's spare workers ready (a second Run)",
        value: Math.round(m("pool4")),
        unit: "ms",
        ...atMost(m("pool4"), 1000),
        note: `a learner's get(timeout=1) must not time out; ${samples.spread("pool4")}`,
      },
      { group: GROUP, name: "10 MB bytes object through a Queue to a child (put → child's answer)", value: Math.round(m("queue")), unit: "ms", note: samples.spread("queue") },
      { group: GROUP, name: "10,000 small messages through a Pipe (send all → child's sum back)", value: Math.round(m("pipe")), unit: "ms", note: samples.spread("pipe") },
    ];
  },
};
