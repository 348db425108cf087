/**
 * Spaces out the console's repaints while a program prints: at most one per animation frame and per `minGap` ms,
 * and further apart when a repaint turns out slow, so repainting never takes more than about 1/`duty` of the main
 * thread (on a slow or busy machine the page stays responsive; the output just updates less often).
 */
export interface PacerClock {
  now(): number;
  frame(cb: () => void): number;
  cancelFrame(id: number): void;
  later(cb: () => void, ms: number): ReturnType<typeof setTimeout>;
  cancelLater(id: ReturnType<typeof setTimeout>): void;
}

const browserClock: PacerClock = {
  now: () => performance.now(),
  frame: (cb) => requestAnimationFrame(cb),
  cancelFrame: (id) => cancelAnimationFrame(id),
  later: (cb, ms) => setTimeout(cb, ms),
  cancelLater: (id) => clearTimeout(id),
};

export class RepaintPacer {
  private started: number | null = null;
  private ended = Number.NEGATIVE_INFINITY;
  private frameId = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Current pause after a repaint. */
  gap: number;

  constructor(
    private readonly minGap = 80,
    private readonly maxGap = 1000,
    private readonly duty = 5,
    private readonly clock: PacerClock = browserClock,
  ) {
    this.gap = minGap;
  }

  /** Ask for `paint` to run; requests made while one is pending are merged into it. */
  request(paint: () => void) {
    if (this.frameId || this.timer !== undefined) return;
    const run = () => {
      this.frameId = 0;
      this.started = this.clock.now();
      paint();
    };
    const wait = this.ended + this.gap - this.clock.now();
    if (wait <= 0) this.frameId = this.clock.frame(run);
    else
      this.timer = this.clock.later(() => {
        this.timer = undefined;
        this.frameId = this.clock.frame(run);
      }, wait);
  }

  /** The repaint is on screen (call after its layout): its cost sets the next pause. */
  painted() {
    if (this.started === null) return;
    this.ended = this.clock.now();
    this.gap = Math.min(this.maxGap, Math.max(this.minGap, (this.ended - this.started) * this.duty));
    this.started = null;
  }

  cancel() {
    if (this.frameId) this.clock.cancelFrame(this.frameId);
    if (this.timer !== undefined) this.clock.cancelLater(this.timer);
    this.frameId = 0;
    this.timer = undefined;
  }
}
