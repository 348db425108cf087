/**
 * A run session: everything one runner (a lesson's CodeRunner, an exercise) knows about the programs it runs. It owns
 * the console's output buffer, the pending input() request, the typed traces the run sent (the GIL timeline, the
 * processes, the event loop), the result, and step mode's state machine (pauses, Undo by replaying from the start,
 * relaunching once the run being stopped has ended, links to a step). The React layer reads it through
 * useSyncExternalStore (components/runner/use-run-session.ts) and only draws: no run logic lives in components.
 *
 * No DOM or React here, so the logic is tested in Node (session.test.ts) with a fake runtime.
 */
import type { StepUnit } from "../protocol";
import { parseSchedule, type InterpreterModel } from "../schedule";
import type { RecordedRun } from "../recorded-run";
import { parseTraces, type Trace } from "../traces";
import type { StepState } from "../traces/step";
import { OutputBuffer } from "./output-buffer";
import { processTagger } from "./process-tags";
import { describeResult } from "./run-status";
import type { PythonRuntime, RunEvent, RunHandle, RunRequest, RunResult } from "./types";

/** Where a step-mode run starts pausing: replay `schedule` up to step `from`, then pause by `unit`. */
export interface StepStart {
  schedule: string;
  from: number;
  unit: StepUnit;
}

export interface StepSnapshot {
  /** The pauses seen so far, in order (for Undo); the last is the one shown. */
  pauses: readonly StepState[];
  /** The run waits at the last pause for a choice. */
  paused: boolean;
  /** The run ended; how, in a few words. */
  ended: string | null;
  /** The schedule being followed when stepping came from a link or a failing check (proposals follow it). */
  plan: string | null;
  /** The learner picked a thread other than the proposed one at some decision: the plan no longer applies. */
  deviated: boolean;
  /** What the learner steps by. */
  unit: StepUnit;
  model: InterpreterModel;
}

export interface SessionSnapshot {
  /** A program is running (or waiting at a step-mode pause). */
  running: boolean;
  /** performance.now() when the current run started; null when idle. */
  startedAt: number | null;
  result: RunResult | null;
  inputPending: boolean;
  /** The console's buffer: a new one per run (it is appended to in place; OutputConsole subscribes to it). */
  output: OutputBuffer;
  /** The run's pictures, typed (step pauses are in `step`). During a step session, the timeline so far. */
  traces: readonly Trace[];
  step: StepSnapshot | null;
}

export interface RunOptions {
  /** Keep the pictures the run sends (a runner that draws none passes false: nothing is kept or repainted). */
  traces?: boolean;
  /** Collect stdout instead of showing it (an exercise's check reads its verdict from it); returned by run(). */
  captureStdout?: boolean;
  /** Append to the current console instead of starting a new one (the checks of one Check press). */
  sameConsole?: boolean;
}

export interface Outcome {
  result: RunResult;
  /** What the program printed to stdout when `captureStdout` was set, else "". */
  stdout: string;
}

const NO_TRACES: readonly Trace[] = [];

/** The schedule to replay up to `target`: the plan being followed if the learner kept to it, else what they chose. */
export function replaySchedule(step: Pick<StepSnapshot, "plan" | "deviated">, target: StepState): string {
  if (step.plan === null || step.deviated) return target.schedule;
  const plan = parseSchedule(step.plan);
  const made = parseSchedule(target.schedule);
  return made.every((c, i) => plan[i] === c) ? step.plan : target.schedule;
}

/** The pause Undo goes back to: while paused, the one before; once the run has ended (or stopped), its last one. */
export function undoTarget(step: StepSnapshot): StepState | undefined {
  if (step.pauses.length === 0) return undefined;
  return step.ended !== null || !step.paused ? step.pauses.at(-1) : step.pauses.at(-2);
}

export class RunSession {
  private snapshot: SessionSnapshot = { running: false, startedAt: null, result: null, inputPending: false, output: new OutputBuffer(), traces: NO_TRACES, step: null };
  private listeners = new Set<() => void>();
  private handle: RunHandle | null = null;
  /** The request step mode replays (Undo relaunches it with another start). */
  private stepBase: RunRequest | null = null;
  /** A replay to start as soon as the run being stopped has ended (Undo while a run waits at a pause). */
  private relaunch: StepStart | null = null;
  private traceFrame: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(private readonly runtime: () => PythonRuntime) {}

  // ---- the store React reads ----

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionSnapshot => this.snapshot;

  private update(patch: Partial<SessionSnapshot>) {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }

  private updateStep(patch: Partial<StepSnapshot>) {
    const step = this.snapshot.step;
    if (step) this.update({ step: { ...step, ...patch } });
  }

  get busy(): boolean {
    return this.handle !== null;
  }

  /** Stop was pressed during the last run (or check). */
  get wasStopped(): boolean {
    return this.stopped;
  }

  // ---- running ----

  /** Runs `request`; resolves when it ends. Refused (null) while another run of this session is going. */
  run(request: RunRequest, options: RunOptions = {}): Promise<Outcome> | null {
    if (this.handle) return null;
    return this.start(request, options, null);
  }

  private start(request: RunRequest, options: RunOptions, step: StepStart | null): Promise<Outcome> {
    const buffer = options.sameConsole ? this.snapshot.output : new OutputBuffer();
    const keepTraces = options.traces !== false;
    const traceLog: Trace[] = [];
    const tag = processTagger();
    let stdout = "";
    this.stopped = false;
    this.update({ output: buffer, traces: NO_TRACES, result: null, inputPending: false, startedAt: performance.now(), running: true });
    const full: RunRequest = step ? { ...request, schedule: step.schedule, step: { from: step.from, unit: step.unit } } : request;
    const repaint = () => {
      if (this.traceFrame !== undefined) return;
      // Pictures repaint at most every 50 ms while a run streams them (a step-mode pause repaints at once below).
      this.traceFrame = setTimeout(() => {
        this.traceFrame = undefined;
        this.update({ traces: [...traceLog] });
      }, 50);
    };
    return new Promise<Outcome>((resolve) => {
      this.handle = this.runtime().run(full, (event: RunEvent) => {
        switch (event.kind) {
          case "stdout":
            if (options.captureStdout) stdout += event.text;
            else buffer.append("stdout", tag(event.text, event.source));
            break;
          case "stderr":
            buffer.append("stderr", tag(event.text, event.source));
            break;
          case "notice":
            buffer.append("notice", event.text.endsWith("\n") ? event.text : `${event.text}\n`);
            break;
          case "input-request":
            // Python's input() writes its prompt to stdout itself; show the request's prompt only if it did not.
            if (event.prompt && !buffer.endsWith(event.prompt)) buffer.append("stdout", event.prompt);
            this.update({ inputPending: true });
            break;
          case "trace":
            if (event.name === "step") {
              this.onPause(event.data, traceLog, keepTraces);
              break;
            }
            if (!keepTraces) break;
            // Step mode sends the timeline at every pause: the latest one replaces the one before.
            if (step && event.name === "threads") {
              const at = traceLog.findIndex((e) => e.name === "threads");
              if (at >= 0) traceLog.splice(at, 1);
            }
            traceLog.push(event);
            repaint();
            break;
          case "done":
            clearTimeout(this.traceFrame);
            this.traceFrame = undefined;
            this.handle = null;
            this.update({ traces: keepTraces ? [...traceLog] : NO_TRACES, startedAt: null, running: false, inputPending: false, result: event.result });
            this.afterRun(event.result, step !== null);
            resolve({ result: event.result, stdout });
            break;
        }
      });
    });
  }

  private onPause(state: StepState, traceLog: Trace[], keepTraces: boolean) {
    const step = this.snapshot.step;
    if (!step) return;
    // Pauses of a replay up to here are the same as before: keep the history up to this step.
    const pauses = [...step.pauses.filter((p) => p.step < state.step), state];
    clearTimeout(this.traceFrame);
    this.traceFrame = undefined;
    this.update({ step: { ...step, pauses, paused: true, unit: state.unit }, ...(keepTraces ? { traces: [...traceLog] } : {}) });
  }

  private afterRun(result: RunResult, stepping: boolean) {
    const next = this.relaunch;
    this.relaunch = null;
    if (next && this.stepBase) {
      const base = this.stepBase;
      // Not from inside the run's own done callback: the runtime finishes its bookkeeping first.
      setTimeout(() => void this.start(base, {}, next), 0);
    } else if (stepping) {
      this.updateStep({ paused: false, ended: describeResult(result) });
    }
  }

  stop() {
    this.stopped = true;
    this.relaunch = null;
    this.handle?.stop();
  }

  sendInput(line: string) {
    this.snapshot.output.append("input", `${line}\n`);
    this.update({ inputPending: false });
    this.handle?.sendInput(line);
  }

  sendEof() {
    this.snapshot.output.append("notice", "End of input (Ctrl+D)\n");
    this.update({ inputPending: false });
    this.handle?.sendEof();
  }

  /**
   * Shows a run recorded in Chromium (a browser that cannot run this program: lib/python/recorded-run.ts) as the
   * console's output and the run's pictures.
   */
  showRecording(recording: RecordedRun) {
    const buffer = new OutputBuffer();
    const tag = processTagger();
    for (const e of recording.events) {
      if (e.kind === "stdout" || e.kind === "stderr") buffer.append(e.kind, tag(e.text, e.source));
      else if (e.kind !== "trace") buffer.append(e.kind, e.text);
    }
    const traces = parseTraces(recording.events.flatMap((e) => (e.kind === "trace" ? [e] : [])));
    this.update({ output: buffer, traces });
  }

  // ---- step mode ----

  /** Starts stepping through `request` (its model, seedless) from `start`, following `plan` if given. */
  startStepping(request: RunRequest, start: StepStart, plan: string | null): boolean {
    if (this.handle) return false;
    const base: RunRequest = { ...request, seed: null };
    this.stepBase = base;
    this.update({ step: { pauses: [], paused: false, ended: null, plan, deviated: false, unit: start.unit, model: base.model ?? "gil" } });
    void this.start(base, {}, start);
    return true;
  }

  /** At a pause: run `choice` (a thread's label or a STEP_CHOICE code), stepping by `unit` from here on. */
  pick(choice: number, unit?: StepUnit) {
    const step = this.snapshot.step;
    if (!step?.paused || !this.handle) return;
    const state = step.pauses.at(-1);
    const deviated = step.deviated || (choice >= 0 && state !== undefined && state.decision && choice !== state.proposal);
    this.updateStep({ paused: false, deviated, ...(unit ? { unit } : {}) });
    this.handle.step(choice, unit ?? step.unit);
  }

  /** Step by line or by bytecode from the next pick on (the run stays at its pause). */
  setUnit(unit: StepUnit) {
    this.updateStep({ unit });
  }

  /** Back one pause: replay the run from the start with the choices made so far, pausing there. */
  undo(): boolean {
    const step = this.snapshot.step;
    if (!step || !this.stepBase) return false;
    const target = undoTarget(step);
    if (!target) return false;
    const start: StepStart = { schedule: replaySchedule(step, target), from: target.step, unit: step.unit };
    this.updateStep({ pauses: step.pauses.filter((p) => p.step < target.step), paused: false, ended: null });
    if (this.handle) {
      this.relaunch = start;
      this.handle.stop();
    } else {
      void this.start(this.stepBase, {}, start);
    }
    return true;
  }

  /** What a link to the current pause needs (the schedule that replays to it, its step, the unit). */
  linkToPause(): { schedule: string; step: number; unit: StepUnit } | null {
    const step = this.snapshot.step;
    const state = step?.pauses.at(-1);
    if (!step || !state) return null;
    return { schedule: replaySchedule(step, state), step: state.step, unit: step.unit };
  }

  /** Leaves step mode (stopping the run if it is still going). */
  closeStepping() {
    this.relaunch = null;
    this.stepBase = null;
    this.handle?.stop();
    this.update({ step: null });
  }

  /** The runner goes away: stop what runs (runs are queued: it would hold up the next page's). */
  dispose() {
    clearTimeout(this.traceFrame);
    this.relaunch = null;
    this.handle?.stop();
    this.listeners.clear();
  }
}
