/**
 * Schedules as data (see lib/python/py/interleave/threads/_schedule.py): the interpreter model a schedule was
 * recorded under and the thread chosen at each decision of a run in schedule mode, run-length encoded, e.g.
 * "gil:0x7,1x3,2,0x2" ("ft:" for free-threaded). Shared by the protocol, the CLI and the UI so a bad schedule is
 * refused with a clear message before it reaches Python.
 */

/** Most decisions a schedule may name (the Python side gives up on a run after as many). */
export const MAX_SCHEDULE_DECISIONS = 200_000;

/** Where threads may switch (py/interleave/threads/_points.py): CPython 3.14 with its GIL, or 3.14t without one. */
export const MODELS = ["gil", "free-threaded"] as const;
export type InterpreterModel = (typeof MODELS)[number];

/** The tag a schedule string starts with, per model. */
export const MODEL_TAGS: Record<InterpreterModel, string> = { gil: "gil", "free-threaded": "ft" };

const TOKEN = /^(\d{1,4})(?:x(\d{1,7}))?$/;

/** The model named by a schedule's tag (null when the schedule has none), and the choices part. */
export function splitSchedule(text: string): { model: InterpreterModel | null; body: string; badTag: string | null } {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(":");
  if (colon === -1) return { model: null, body: trimmed, badTag: null };
  const tag = trimmed.slice(0, colon).trim();
  const model = (Object.keys(MODEL_TAGS) as InterpreterModel[]).find((m) => MODEL_TAGS[m] === tag) ?? null;
  return { model, body: trimmed.slice(colon + 1).trim(), badTag: model ? null : tag };
}

/** Why `text` is not a schedule, or null when it is one ("" or "gil:" is the default schedule: no preemption). */
export function scheduleProblem(text: string): string | null {
  const { body, badTag } = splitSchedule(text);
  if (badTag !== null) return `bad schedule "${text.trim()}": it should start with "gil:" or "ft:" (the interpreter model), not "${badTag}:"`;
  if (!body) return null;
  let total = 0;
  for (const part of body.split(",")) {
    const m = TOKEN.exec(part.trim());
    if (!m) return `bad schedule "${text.trim()}": "${part.trim()}" should be THREAD or THREADxCOUNT, as in "gil:0x7,1x3,2"`;
    const count = m[2] === undefined ? 1 : Number(m[2]);
    if (count < 1) return `bad schedule "${text.trim()}": a count must be at least 1 (in "${part.trim()}")`;
    total += count;
    if (total > MAX_SCHEDULE_DECISIONS) return `schedule too long: more than ${MAX_SCHEDULE_DECISIONS} decisions`;
  }
  return null;
}

/**
 * Why `text` cannot be replayed under `model` (a schedule recorded under the other model decides at other places),
 * or null when it can.
 */
export function scheduleModelProblem(text: string, model: InterpreterModel): string | null {
  const recorded = splitSchedule(text).model;
  if (recorded === null || recorded === model) return null;
  const name = (m: InterpreterModel) => (m === "gil" ? "GIL" : "free-threaded");
  return `this schedule was recorded under the ${name(recorded)} model and this run uses the ${name(model)} model: its decisions are at other places. Switch the runner to ${name(recorded)} to replay it.`;
}

/** The thread chosen at each decision: "gil:0x2,1" -> [0, 0, 1]. Throws on a bad schedule. */
export function parseSchedule(text: string): number[] {
  const problem = scheduleProblem(text);
  if (problem) throw new Error(problem);
  const { body } = splitSchedule(text);
  if (!body) return [];
  return body.split(",").flatMap((part) => {
    const m = TOKEN.exec(part.trim())!;
    return new Array<number>(m[2] === undefined ? 1 : Number(m[2])).fill(Number(m[1]));
  });
}

/** [0, 0, 1] -> "gil:0x2,1". */
export function formatSchedule(choices: readonly number[], model: InterpreterModel = "gil"): string {
  const parts: string[] = [];
  for (let i = 0; i < choices.length; ) {
    let j = i;
    while (j < choices.length && choices[j] === choices[i]) j++;
    parts.push(j - i === 1 ? String(choices[i]) : `${choices[i]}x${j - i}`);
    i = j;
  }
  return `${MODEL_TAGS[model]}:${parts.join(",")}`;
}
