/**
 * The one way a Python worker boots, for the page's interpreter (./index.ts) and for the workers of processes
 * (./processes.ts): spawn it (./spawn.ts) or adopt one the page started early, then wait for its "ready", parsing
 * every message first (the worker will run untrusted code). Until ready, this owns the worker's handlers; the caller
 * installs its own when the promise resolves (in the same task, so no message falls between).
 */
import { FromWorkerSchema, type FromWorker } from "../protocol";
import { WORKER_URL } from "./spawn";

export type ReadyMessage = Extract<FromWorker, { type: "ready" }>;

export interface BootHandlers {
  /** Loading steps the worker reports ("Loading the Python interpreter", …). */
  onPhase?: (step: string, progress: number | undefined) => void;
}

/**
 * Resolves with the worker's ready message, after replaying `earlier` (what an adopted worker already said); rejects
 * with "Python could not start: …" if it reports a fatal error or fails to load, and then terminates it.
 */
export function whenReady(worker: Worker, handlers: BootHandlers = {}, earlier: { messages: MessageEvent[]; errors: ErrorEvent[] } = { messages: [], errors: [] }): Promise<ReadyMessage> {
  return new Promise<ReadyMessage>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: ReadyMessage | Error) => {
      if (settled) return;
      settled = true;
      worker.onmessage = null;
      worker.onerror = null;
      if (outcome instanceof Error) {
        worker.terminate();
        reject(outcome);
      } else {
        resolve(outcome);
      }
    };
    const onMessage = (data: unknown) => {
      const parsed = FromWorkerSchema.safeParse(data);
      if (!parsed.success) return; // off-protocol: ignored
      const msg = parsed.data;
      if (msg.type === "ready") settle(msg);
      else if (msg.type === "fatal") settle(new Error(msg.message));
      else if (msg.type === "phase") handlers.onPhase?.(msg.step, msg.progress);
    };
    const onError = (event: ErrorEvent) => {
      event.preventDefault();
      if (event.message) return settle(new Error(`Python could not start: ${event.message}`));
      // An error without a message: the worker's script did not load. A page left open while the site was updated
      // asks for a worker file (content-hashed) that the new build no longer has: reloading the page mends that.
      void workerScriptGone().then((gone) => settle(new Error(`Python could not start: ${gone ? STALE_PAGE : "the Python worker stopped unexpectedly"}`)));
    };
    for (const event of earlier.messages) onMessage(event.data);
    for (const event of earlier.errors) onError(event);
    if (settled) return;
    worker.onmessage = (event: MessageEvent) => onMessage(event.data);
    worker.onerror = onError;
  });
}

export const STALE_PAGE = "this page is older than the site, which was updated since it loaded. Reload the page";

/** Whether the server no longer has the worker's script (404): the page comes from an earlier build of the site. */
async function workerScriptGone(): Promise<boolean> {
  try {
    const response = await fetch(new URL(WORKER_URL, location.href), { method: "HEAD", cache: "no-store" });
    return response.status === 404;
  } catch {
    return false; // offline, or no page to resolve the URL against (tests): say what is known
  }
}
