/**
 * What the multiprocessing runtime does beyond CPython's semantics, in headless Chromium: Stop ends every process
 * of a run, too many live processes give a clear error, workers for children are readied again after a run,
 * children's output is tagged with their process, and processes run at the same time on different cores.
 */
import type { Browser } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PythonHarness, launchChromium } from "../../lib/python/harness/node";
import { processesTimeline } from "../../lib/python/traces/threads";

let browser: Browser;
let harness: PythonHarness;
let limited: PythonHarness;
beforeAll(async () => {
  browser = await launchChromium();
  harness = await PythonHarness.start({ browser });
  limited = await PythonHarness.start({ browser, maxProcesses: 2 });
}, 240_000);
afterAll(async () => {
  await harness?.close();
  await limited?.close();
  await browser?.close();
});

describe("processes in the browser", () => {
  it("Stop ends the main program and every child", async () => {
    const code = `import multiprocessing as mp, time
def spin(ev):
    ev.set()
    while True:
        pass
if __name__ == "__main__":
    evs = [mp.Event() for _ in range(2)]
    ps = [mp.Process(target=spin, args=(e,)) for e in evs]
    for p in ps: p.start()
    for e in evs: e.wait()
    print("both spinning", flush=True)
    for p in ps: p.join()
`;
    let stopped = false;
    const started = Date.now();
    const { stdout, stderr, result } = await harness.run({ code, timeoutMs: 60_000 }, (event, h) => {
      if (!stopped && event.kind === "stdout" && event.text.includes("both spinning")) {
        stopped = true;
        void h.stop();
      }
    });
    expect(stdout).toContain("both spinning");
    expect(result.status, `${stderr}\n${result.reason ?? ""}`).toBe("interrupted");
    expect(result.exitCode).toBe(130);
    expect(stderr).toContain("KeyboardInterrupt");
    expect(Date.now() - started).toBeLessThan(30_000);
    // The next program runs normally, and its children start.
    const next = await harness.run({ code: `import multiprocessing as mp\ndef f(q): q.put("fresh")\nif __name__ == "__main__":\n    q = mp.Queue(); p = mp.Process(target=f, args=(q,)); p.start(); print(q.get()); p.join()\n`, timeoutMs: 60_000 });
    expect(next.stdout).toBe("fresh\n");
  }, 120_000);

  it("draws a child ended by a signal in the process timeline (a lane with nothing recorded inside), and keeps a child that handled it", async () => {
    const code = `import multiprocessing as mp, signal, sys, time
def plain(ev):
    ev.set()
    while True:
        time.sleep(0.01)
def careful(ev):
    signal.signal(signal.SIGTERM, lambda s, f: sys.exit(0))
    ev.set()
    while True:
        time.sleep(0.01)
if __name__ == "__main__":
    for target in (plain, careful):
        ev = mp.Event()
        p = mp.Process(target=target, args=(ev,))
        p.start()
        ev.wait()
        time.sleep(0.1)
        p.terminate()
        p.join()
        print(target.__name__, p.exitcode)
`;
    const { stdout, result, events } = await harness.run({ code, timeoutMs: 60_000 });
    expect(result.status).toBe("ok");
    expect(stdout).toBe("plain -15\ncareful 0\n");
    const lanes = processesTimeline(events.flatMap((e) => (e.kind === "trace" ? [e] : [])))?.processes ?? [];
    expect(lanes.map((p) => [p.name, p.signal ?? null, p.threads.length > 0])).toEqual([
      ["MainProcess", null, true],
      ["Process-1", 15, false],
      ["Process-2", null, true],
    ]);
    expect(lanes[1]!.endMs - lanes[1]!.startMs).toBeGreaterThan(50);
  }, 120_000);

  it("refuses more live processes than the limit, saying why", async () => {
    const code = `import multiprocessing as mp
def wait(ev):
    ev.wait()
if __name__ == "__main__":
    ev = mp.Event()
    ps = [mp.Process(target=wait, args=(ev,)) for _ in range(3)]
    ps[0].start(); ps[1].start()
    try:
        ps[2].start()
    except OSError as e:
        print("refused:", e)
    ev.set()
    ps[0].join(); ps[1].join()
    ps[2].start(); ps[2].join()
    print("after joining:", [p.exitcode for p in ps])
`;
    const { stdout, result } = await limited.run({ code, timeoutMs: 60_000 });
    expect(result.status).toBe("ok");
    expect(stdout).toMatch(/refused: .*Too many processes: at most 2 may run at once/);
    expect(stdout).toContain("after joining: [0, 0, 0]");
  }, 120_000);

  it("readies workers again once a run is over, so the next run's Pool starts at once (its workers were terminated)", async () => {
    // Issue 24: a Pool's workers are killed with it, and the next run's Pool(4) then waited for cold interpreters
    // (over a second) where a learner's get(timeout=1) expects an answer.
    const code = `import multiprocessing as mp
if __name__ == "__main__":
    with mp.Pool(2) as pool:
        print(pool.apply(abs, (-3,)))
`;
    const first = await harness.run({ code, timeoutMs: 60_000 });
    expect(first.stdout).toBe("3\n");
    const deadline = Date.now() + 60_000;
    let spares = 0;
    while (Date.now() < deadline && (spares = (await harness.debugState()).spareProcesses) < 1) await new Promise((r) => setTimeout(r, 200));
    expect(spares).toBeGreaterThanOrEqual(1);
  }, 150_000);

  it("runs a child with the run's interpreter model, as a process python3.14t spawns is python3.14t", async () => {
    // Two lines, a read and a write, with no switch point between them under the GIL (conformance threading/44): only
    // the free-threaded model loses updates, in the child as in the main process.
    const code = `import multiprocessing as mp, threading
def count(q):
    box = [0]
    def work():
        for _ in range(100_000):
            v = box[0]
            box[0] = v + 1
    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads: t.start()
    for t in threads: t.join()
    q.put("none" if box[0] == 400_000 else "some")
if __name__ == "__main__":
    q = mp.Queue()
    p = mp.Process(target=count, args=(q,))
    p.start()
    print("lost updates in the child:", q.get())
    p.join()
`;
    const gil = await harness.run({ code, timeoutMs: 90_000 });
    expect(gil.stdout, gil.stderr).toBe("lost updates in the child: none\n");
    const free = await harness.run({ code, model: "free-threaded", timeoutMs: 90_000 });
    expect(free.stdout, free.stderr).toBe("lost updates in the child: some\n");
  }, 200_000);

  it("tags output with the process that printed it, once there is more than one", async () => {
    const code = `import multiprocessing as mp, os
def hello():
    print("child", os.getpid(), flush=True)
if __name__ == "__main__":
    print("main alone")
    p = mp.Process(target=hello, name="Greeter")
    p.start(); p.join()
    print("main", os.getpid())
`;
    const { events, result } = await harness.run({ code, timeoutMs: 60_000 });
    expect(result.status).toBe("ok");
    const out = events.flatMap((e) => (e.kind === "stdout" ? [e] : []));
    const first = out.find((e) => e.text.includes("main alone"));
    const child = out.find((e) => e.text.includes("child"));
    const last = out.find((e) => /^main \d/.test(e.text));
    expect(first?.source).toBeUndefined();
    expect(child).toMatchObject({ source: "Greeter" });
    expect(last).toMatchObject({ source: "MainProcess" });
    expect(child?.pid).toBe(Number(child!.text.split(" ")[1]));
    expect(last?.pid).toBe(Number(last!.text.split(" ")[1]));
    expect(child?.pid).not.toBe(last?.pid);
  }, 120_000);
});
