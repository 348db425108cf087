/**
 * Share links for step mode: the page's address with a fragment naming the runner, the schedule chosen so far (with
 * its model), the step reached and whether it steps by bytecode, and the learner's code when it differs from the
 * lesson's. A fragment never reaches the server; opening the link replays the run to that step (the runtime is
 * deterministic in step mode).
 *
 *   /learn/shared-state/race-conditions#step=shared-state%2Frace-conditions%3Arace.py&s=gil%3A1x2%2C0&n=14&code=…
 */
import type { StepUnit } from "@/lib/python/protocol";
import { scheduleProblem } from "@/lib/python/schedule";

export interface StepLink {
  runnerId: string;
  schedule: string;
  step: number;
  /** What the learner stepped by (a link without it: by line). */
  unit: StepUnit;
  /** The learner's code, when it is not the lesson's. */
  code?: string;
}

const MAX_STEP = 10_000_000;
const MAX_CODE_CHARS = 100_000;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The fragment (without "#") for a link to this step. */
export function stepFragment(link: StepLink): string {
  const params = new URLSearchParams({ step: link.runnerId, s: link.schedule, n: String(link.step) });
  if (link.unit === "instruction") params.set("u", "instruction");
  if (link.code !== undefined) params.set("code", toBase64Url(link.code));
  return params.toString();
}

/** A full address: `base` without its own fragment, then the step's. */
export function stepUrl(base: string, link: StepLink): string {
  const hash = base.indexOf("#");
  return `${hash < 0 ? base : base.slice(0, hash)}#${stepFragment(link)}`;
}

/** Reads a step link from a fragment ("#step=…" or "step=…"); null if it is not one or does not hold together. */
export function readStepFragment(fragment: string): StepLink | null {
  const params = new URLSearchParams(fragment.replace(/^#/, ""));
  const runnerId = params.get("step");
  const schedule = params.get("s") ?? "";
  const stepText = params.get("n") ?? "0";
  if (!runnerId || runnerId.length > 300) return null;
  if (schedule.length > 100_000 || scheduleProblem(schedule) !== null) return null;
  if (!/^\d{1,8}$/.test(stepText) || Number(stepText) > MAX_STEP) return null;
  const unit = params.get("u") ?? "line";
  if (unit !== "line" && unit !== "instruction") return null;
  const link: StepLink = { runnerId, schedule, step: Number(stepText), unit };
  const encoded = params.get("code");
  if (encoded !== null) {
    const code = fromBase64Url(encoded);
    if (code === null || code.length > MAX_CODE_CHARS) return null;
    link.code = code;
  }
  return link;
}
