/**
 * "Which of these outputs are possible?" (<PossibleOutputs>): the request that runs the schedule search over a
 * program (lib/content/python/possible_outputs.py calling interleave.threads.outcomes), the reading of its report,
 * and the verdict on each option. Shared by the page (the learner's Check) and `npm run content:check` (which holds
 * the author's answers to the same search). Free of Node and DOM imports.
 */
import { z } from "zod";
import type { RunRequest, RunResult } from "@/lib/python/client/types";
import { MODELS, type InterpreterModel } from "@/lib/python/schedule";

export const OUTCOMES_MARKER = "\x1einterleave-outcomes ";
const DRIVER = "_interleave_outcomes.py";
/** Schedules tried at most; the default bound keeps the lessons' small programs well inside it. */
export const OUTCOME_RUNS = 3000;
export const OUTCOME_BOUND = 3;
export const OUTCOME_TIMEOUT_MS = 60_000;

export interface OutcomesOptions {
  model?: InterpreterModel;
  bound?: number;
  runs?: number;
}

/** The run request: the driver as the main program, the learner's program beside it under its own name. */
export function outcomesRequest(code: string, filename: string, driver: string, options: OutcomesOptions = {}): RunRequest {
  const { model = "gil", bound = OUTCOME_BOUND, runs = OUTCOME_RUNS } = options;
  if (filename === DRIVER) throw new Error(`${DRIVER} is the search's own file name; rename the program`);
  return {
    code: `${driver}\nmain(${JSON.stringify(filename)}, runs=${runs}, bound=${bound}, model=${JSON.stringify(model)})\n`,
    filename: DRIVER,
    files: { [filename]: code },
    model,
    timeoutMs: OUTCOME_TIMEOUT_MS,
  };
}

const ReportSchema = z.object({
  model: z.enum(MODELS),
  bound: z.number().int().nonnegative(),
  trials: z.number().int().nonnegative(),
  exhausted: z.boolean(),
  seconds: z.number(),
  outcomes: z
    .array(
      z.object({
        output: z.string().max(20_000),
        schedule: z.string().max(4000),
        preemptions: z.number().int().nonnegative(),
        count: z.number().int().positive(),
        failure: z.object({ kind: z.string().max(40), message: z.string().max(400) }).nullable(),
      }),
    )
    .max(10_000),
});
export type OutcomesReport = z.infer<typeof ReportSchema>;

/** The driver's report from a run's stdout, or an error in words (the run failed, or printed no report). */
export function readOutcomes(stdout: string, result: RunResult): { ok: true; report: OutcomesReport } | { ok: false; error: string } {
  const at = stdout.lastIndexOf(OUTCOMES_MARKER);
  if (at >= 0) {
    try {
      const parsed = ReportSchema.safeParse(JSON.parse(stdout.slice(at + OUTCOMES_MARKER.length)));
      if (parsed.success) return { ok: true, report: parsed.data };
    } catch {
      // a garbled report is no report
    }
  }
  if (result.status === "unsupported") return { ok: false, error: result.reason ?? "This browser cannot run threads yet: the search needs Chrome or Edge 137+, Firefox 153+ or Safari 27+." };
  if (result.status === "interrupted") return { ok: false, error: "The search was stopped before it finished." };
  if (result.status === "killed") return { ok: false, error: result.reason ?? "The search took too long and was stopped." };
  const why = result.error ? `${result.error.type}: ${result.error.message}` : `it ended: ${result.status}`;
  return { ok: false, error: `The schedule search did not finish (${why}).` };
}

/** Output compared as the search keeps it: trailing spaces of each line and final newlines do not count. */
export function normalizeOutput(text: string): string {
  return text
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((l) => l.trimEnd())
    .join("\n")
    .replace(/\n+$/, "");
}

export interface OptionVerdict {
  /** What the search says: printed under some schedule (possible), or under none of the schedules tried. */
  possible: boolean;
  /** A schedule that prints it, when possible. */
  schedule: string | null;
  preemptions: number | null;
  /** The learner's tick agrees with the search. */
  right: boolean;
}

/** Each option judged by the search; `ticked[i]` says the learner called option i possible. */
export function judgeOptions(options: string[], ticked: boolean[], report: OutcomesReport): { verdicts: OptionVerdict[]; allRight: boolean; others: OutcomesReport["outcomes"] } {
  const byOutput = new Map(report.outcomes.map((o) => [o.output, o]));
  const verdicts = options.map((option, i) => {
    const hit = byOutput.get(normalizeOutput(option));
    const possible = hit !== undefined;
    return { possible, schedule: hit?.schedule ?? null, preemptions: hit?.preemptions ?? null, right: possible === Boolean(ticked[i]) };
  });
  const listed = new Set(options.map(normalizeOutput));
  return { verdicts, allRight: verdicts.every((v) => v.right), others: report.outcomes.filter((o) => !listed.has(o.output)) };
}

/**
 * The author's claims against the search (content:check): every option marked possible must be printed under some
 * schedule, no option marked impossible may be, and "impossible" needs a search that tried every schedule within
 * its bound. Returns the problems in words.
 */
export function checkClaims(options: { output: string; possible: boolean }[], report: OutcomesReport): string[] {
  const byOutput = new Map(report.outcomes.map((o) => [o.output, o]));
  const problems: string[] = [];
  const shown = (t: string) => JSON.stringify(normalizeOutput(t));
  for (const option of options) {
    const hit = byOutput.get(normalizeOutput(option.output));
    if (option.possible && !hit) problems.push(`the output ${shown(option.output)} is marked possible, but no schedule of the ${report.trials} tried prints it`);
    if (!option.possible && hit) problems.push(`the output ${shown(option.output)} is marked impossible, but schedule ${hit.schedule || "(default)"} prints it`);
  }
  if (options.some((o) => !o.possible) && !report.exhausted) {
    problems.push(`the search tried ${report.trials} schedules without exhausting those with at most ${report.bound} preemptions, so it cannot call an output impossible: make the program smaller`);
  }
  return problems;
}
