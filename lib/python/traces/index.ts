/**
 * The pictures a run sends (py/interleave/*: the GIL timeline, a process's lanes, the event loop, a step-mode pause),
 * typed once: the page parses each trace with its schema when it arrives (lib/python/client), so everything above
 * works with checked data and never parses again. A trace that does not fit its schema (the worker runs untrusted
 * code) or has a name nobody draws is dropped there.
 */
import { AsyncioTraceSchema, type AsyncioTrace } from "./asyncio";
import { parseStepState, type StepState } from "./step";
import { ProcessTraceSchema, ThreadsTraceSchema, type ProcessTrace, type ThreadsTrace } from "./threads";

export type Trace =
  | { name: "threads"; data: ThreadsTrace }
  | { name: "process"; data: ProcessTrace }
  | { name: "asyncio"; data: AsyncioTrace }
  | { name: "step"; data: StepState };

export type TraceName = Trace["name"];

/** The trace `name` carrying `data`, checked against its schema; null when it does not fit or is unknown. */
export function parseTrace(name: string, data: unknown): Trace | null {
  switch (name) {
    case "threads": {
      const r = ThreadsTraceSchema.safeParse(data);
      return r.success ? { name, data: r.data } : null;
    }
    case "process": {
      const r = ProcessTraceSchema.safeParse(data);
      return r.success ? { name, data: r.data } : null;
    }
    case "asyncio": {
      const r = AsyncioTraceSchema.safeParse(data);
      return r.success ? { name, data: r.data } : null;
    }
    case "step": {
      const state = parseStepState(data);
      return state ? { name, data: state } : null;
    }
    default:
      return null;
  }
}

/** Raw traces (a recording read from a file, test data) checked as the client checks them; malformed ones dropped. */
export function parseTraces(events: readonly { name: string; data: unknown }[]): Trace[] {
  return events.flatMap((e) => {
    const trace = parseTrace(e.name, e.data);
    return trace ? [trace] : [];
  });
}
