/**
 * Schedules as data (see lib/python/py/interleave/threads/_schedule.py): the thread chosen at each decision of a
 * run in schedule mode, run-length encoded, e.g. "0x7,1x3,2,0x2". Shared by the protocol, the CLI and the UI so a
 * bad schedule is refused with a clear message before it reaches Python.
 */

/** Most decisions a schedule may name (the Python side gives up on a run after as many). */
export const MAX_SCHEDULE_DECISIONS = 200_000;

const TOKEN = /^(\d{1,4})(?:x(\d{1,7}))?$/;

/** Why `text` is not a schedule, or null when it is one ("" is the default schedule: no preemption). */
export function scheduleProblem(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  let total = 0;
  for (const part of trimmed.split(",")) {
    const m = TOKEN.exec(part.trim());
    if (!m) return `bad schedule "${trimmed}": "${part.trim()}" should be THREAD or THREADxCOUNT, as in "0x7,1x3,2"`;
    const count = m[2] === undefined ? 1 : Number(m[2]);
    if (count < 1) return `bad schedule "${trimmed}": a count must be at least 1 (in "${part.trim()}")`;
    total += count;
    if (total > MAX_SCHEDULE_DECISIONS) return `schedule too long: more than ${MAX_SCHEDULE_DECISIONS} decisions`;
  }
  return null;
}

/** The thread chosen at each decision: "0x2,1" -> [0, 0, 1]. Throws on a bad schedule. */
export function parseSchedule(text: string): number[] {
  const problem = scheduleProblem(text);
  if (problem) throw new Error(problem);
  const trimmed = text.trim();
  if (!trimmed) return [];
  return trimmed.split(",").flatMap((part) => {
    const m = TOKEN.exec(part.trim())!;
    return new Array<number>(m[2] === undefined ? 1 : Number(m[2])).fill(Number(m[1]));
  });
}

/** [0, 0, 1] -> "0x2,1". */
export function formatSchedule(choices: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < choices.length; ) {
    let j = i;
    while (j < choices.length && choices[j] === choices[i]) j++;
    parts.push(j - i === 1 ? String(choices[i]) : `${choices[i]}x${j - i}`);
    i = j;
  }
  return parts.join(",");
}
