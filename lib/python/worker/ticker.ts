/**
 * The preemption ticker: a tiny worker that stands in for CPython's GIL drop request. While the thread runtime has
 * preemption on (CONTROL.ACTIVE), it stores SIGUSR1 into the Python worker's interrupt buffer every switch
 * interval; the interpreter runs the thread runtime's signal handler at its next eval-breaker check.
 * A worker of its own, because Atomics.wait gives it sub-millisecond timing that page timers (clamped, and stalled
 * by rendering) cannot, and it costs no CPU while it sleeps.
 */
import { CONTROL, SIGUSR1 } from "../shared-memory";

interface TickerInit {
  interrupt: SharedArrayBuffer;
  control: SharedArrayBuffer;
}

function isInit(data: unknown): data is TickerInit {
  const d = data as Partial<TickerInit> | null;
  return !!d && d.interrupt instanceof SharedArrayBuffer && d.control instanceof SharedArrayBuffer;
}

self.onmessage = (event: MessageEvent) => {
  if (!isInit(event.data)) return;
  self.onmessage = null;
  const interrupt = new Int32Array(event.data.interrupt);
  const control = new Int32Array(event.data.control);
  for (;;) {
    // Sleep until the thread runtime switches preemption on.
    Atomics.wait(control, CONTROL.ACTIVE, 0);
    while (Atomics.load(control, CONTROL.ACTIVE) !== 0) {
      const ms = Math.max(0.05, Atomics.load(control, CONTROL.INTERVAL_US) / 1000);
      // Wakes early when preemption is switched off (the worker notifies).
      if (Atomics.wait(control, CONTROL.ACTIVE, 1, ms) !== "timed-out") continue;
      // Never overwrite a pending signal: a Stop (SIGINT) must not be lost to a tick.
      if (Atomics.compareExchange(interrupt, 0, 0, SIGUSR1) === 0) Atomics.add(control, CONTROL.TICKS, 1);
    }
  }
};
