import { describe, expect, it } from "vitest";
import { RepaintPacer, type PacerClock } from "./repaint-pacer";

/** A hand-driven clock: frames and timers run only when the test says so. */
function fakeClock() {
  let now = 0;
  let nextId = 1;
  const frames = new Map<number, () => void>();
  const timers = new Map<number, { at: number; cb: () => void }>();
  const clock: PacerClock = {
    now: () => now,
    frame: (cb) => (frames.set(nextId, cb), nextId++),
    cancelFrame: (id) => {
      frames.delete(id);
    },
    later: (cb, ms) => (timers.set(nextId, { at: now + ms, cb }), nextId++) as unknown as ReturnType<typeof setTimeout>,
    cancelLater: (id) => {
      timers.delete(id as unknown as number);
    },
  };
  return {
    clock,
    advance(ms: number) {
      now += ms;
      for (const [id, t] of [...timers]) {
        if (t.at > now) continue;
        timers.delete(id);
        t.cb();
      }
    },
    runFrames() {
      const due = [...frames.values()];
      frames.clear();
      due.forEach((cb) => cb());
    },
    get pendingFrames() {
      return frames.size;
    },
    get pendingTimers() {
      return timers.size;
    },
  };
}

/** A pacer (gaps of 80 to 1000 ms, duty 5) on a fake clock, and a repaint that counts how often it ran. */
function pacerOnFakeClock() {
  const t = fakeClock();
  const pacer = new RepaintPacer(80, 1000, 5, t.clock);
  const paints = { count: 0 };
  return { t, pacer, paints, paint: () => void paints.count++ };
}

describe("RepaintPacer", () => {
  it("merges requests into one repaint per frame", () => {
    const { t, pacer, paints, paint } = pacerOnFakeClock();
    for (let i = 0; i < 10; i++) pacer.request(paint);
    expect(t.pendingFrames).toBe(1);
    t.runFrames();
    expect(paints.count).toBe(1);
  });

  it("waits at least the minimum gap after a cheap repaint", () => {
    const { t, pacer, paints, paint } = pacerOnFakeClock();
    pacer.request(paint);
    t.runFrames();
    t.advance(2);
    pacer.painted(); // cost 2 ms → gap stays 80 ms
    expect(pacer.gap).toBe(80);
    pacer.request(paint);
    expect(t.pendingFrames).toBe(0);
    t.advance(79);
    expect(t.pendingFrames).toBe(0);
    t.advance(1);
    t.runFrames();
    expect(paints.count).toBe(2);
  });

  it("spaces repaints out when they are slow, within the maximum", () => {
    const { t, pacer } = pacerOnFakeClock();
    pacer.request(() => undefined);
    t.runFrames();
    t.advance(40);
    pacer.painted();
    expect(pacer.gap).toBe(200);
    pacer.request(() => undefined);
    t.advance(199);
    t.runFrames();
    expect(t.pendingTimers).toBe(1); // still pausing
    t.advance(1);
    t.runFrames();
    t.advance(400);
    pacer.painted();
    expect(pacer.gap).toBe(1000);
  });

  it("cancels a pending repaint", () => {
    const { t, pacer, paints, paint } = pacerOnFakeClock();
    pacer.request(paint);
    pacer.cancel();
    t.runFrames();
    expect(paints.count).toBe(0);
    pacer.request(paint);
    t.runFrames();
    expect(paints.count).toBe(1);
  });
});
