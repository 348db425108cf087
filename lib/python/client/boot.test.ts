import { afterEach, describe, expect, it, vi } from "vitest";
import { PROTOCOL_VERSION } from "../protocol";
import { STALE_PAGE, whenReady } from "./boot";
import { claimEarlyStart, WORKER_URL, type EarlyStart } from "./spawn";

/** Plays a worker: the test delivers its messages and errors. */
class FakeWorker {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  say(data: unknown) {
    this.onmessage?.({ data } as MessageEvent);
  }
  fail(message: string) {
    this.onerror?.({ message, preventDefault: () => undefined } as unknown as ErrorEvent);
  }
  terminate() {
    this.terminated = true;
  }
}

const READY = { v: PROTOCOL_VERSION, type: "ready", jspi: true, python: "3.14.2", loadMs: 420, snapshot: true, marks: [{ name: "init received", at: 1000 }] };
const asWorker = (w: FakeWorker) => w as unknown as Worker;

describe("whenReady (the one worker boot)", () => {
  it("reports loading steps, resolves with the parsed ready message and hands the worker back", async () => {
    const w = new FakeWorker();
    const steps: string[] = [];
    const ready = whenReady(asWorker(w), { onPhase: (step) => steps.push(step) });
    w.say({ v: PROTOCOL_VERSION, type: "phase", step: "Loading the Python interpreter", progress: 0.1 });
    w.say({ v: PROTOCOL_VERSION, type: "ready", python: 3 }); // off-protocol: ignored
    w.say(READY);
    await expect(ready).resolves.toMatchObject({ type: "ready", python: "3.14.2", marks: [{ name: "init received", at: 1000 }] });
    expect(steps).toEqual(["Loading the Python interpreter"]);
    expect(w.onmessage).toBeNull(); // the caller installs its own handlers now
    expect(w.terminated).toBe(false);
  });

  it("rejects with the worker's fatal message and terminates it", async () => {
    const w = new FakeWorker();
    const ready = whenReady(asWorker(w));
    w.say({ v: PROTOCOL_VERSION, type: "fatal", message: "Python could not start: out of memory" });
    await expect(ready).rejects.toThrow("Python could not start: out of memory");
    expect(w.terminated).toBe(true);
  });

  it("rejects when the worker script fails to load", async () => {
    const w = new FakeWorker();
    const ready = whenReady(asWorker(w));
    w.fail("");
    await expect(ready).rejects.toThrow("Python could not start: the Python worker stopped unexpectedly");
    expect(w.terminated).toBe(true);
  });

  it("says the page is stale when the worker's script is gone from the server (the site was updated since)", async () => {
    const asked: string[] = [];
    vi.stubGlobal("location", { href: "http://127.0.0.1:3000/learn/a/b" });
    vi.stubGlobal("fetch", async (url: URL, init: RequestInit) => {
      asked.push(`${init.method} ${url.pathname}`);
      return new Response(null, { status: 404 });
    });
    try {
      const w = new FakeWorker();
      const ready = whenReady(asWorker(w));
      w.fail("");
      await expect(ready).rejects.toThrow(`Python could not start: ${STALE_PAGE}`);
      expect(asked).toEqual([`HEAD ${WORKER_URL}`]);
      expect(w.terminated).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("replays what an early-started worker said before it was adopted", async () => {
    const w = new FakeWorker();
    const steps: string[] = [];
    const phase = { data: { v: PROTOCOL_VERSION, type: "phase", step: "Warming up" } } as MessageEvent;
    const ready = whenReady(asWorker(w), { onPhase: (step) => steps.push(step) }, { messages: [phase, { data: READY } as MessageEvent], errors: [] });
    await expect(ready).resolves.toMatchObject({ loadMs: 420 });
    expect(steps).toEqual(["Warming up"]);
  });

  it("rejects an early worker that had already failed", async () => {
    const w = new FakeWorker();
    const error = { message: "SyntaxError in worker.mjs", preventDefault: () => undefined } as unknown as ErrorEvent;
    await expect(whenReady(asWorker(w), {}, { messages: [], errors: [error] })).rejects.toThrow("SyntaxError in worker.mjs");
    expect(w.terminated).toBe(true);
  });
});

describe("claimEarlyStart", () => {
  afterEach(() => {
    globalThis.__interleavePython = undefined;
  });

  it("gives the early worker once, and from then on tells a late early script not to start another", () => {
    const early: EarlyStart = { worker: asWorker(new FakeWorker()), shared: null, ticker: null, messages: [], errors: [] };
    globalThis.__interleavePython = early;
    expect(claimEarlyStart()).toBe(early);
    expect(globalThis.__interleavePython).toBe("claimed");
    expect(claimEarlyStart()).toBeNull();
  });

  it("claims the slot even when no early script ran", () => {
    expect(claimEarlyStart()).toBeNull();
    expect(globalThis.__interleavePython).toBe("claimed");
  });
});
