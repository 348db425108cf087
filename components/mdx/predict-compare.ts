/** Comparing a learner's predicted output with the real one. Pure, so it is tested without a browser. */
import { outputLines } from "@/lib/content/output-compare";

export interface Comparison {
  match: boolean;
  summary: string;
  /** Indexes of predicted lines that are not in the output (at their place, or at all when unordered). */
  wrongPredicted: number[];
  /** Indexes of output lines the prediction missed. */
  missedActual: number[];
  /**
   * Indexes of predicted lines that differ from the output but are accepted by the example's pattern for that
   * output line (its `.out.re`): a timing, an id or a thread name nobody can guess.
   */
  tolerated: number[];
}


/**
 * The example's `.out.re` (one JavaScript regular expression per output line, each matching the whole line) as
 * matchers, or null when there is no pattern or a line is not a valid expression (then lines compare exactly: a
 * broken pattern must not make every guess right; content:check reports it).
 */
export function linePatterns(text: string | undefined): RegExp[] | null {
  if (!text) return null;
  try {
    return outputLines(text).map((p) => new RegExp(`^(?:${p})$`));
  } catch {
    return null;
  }
}

/**
 * Finds, for each predicted line, the output line it stands for: equal to it, or accepted by that output line's
 * pattern. Ordered mode pairs lines by position; unordered mode finds a largest pairing (augmenting paths, so a
 * loose pattern never steals the line an exact guess needed).
 */
export function comparePrediction(prediction: string, actual: string, mode: "exact" | "unordered", patterns?: string): Comparison {
  const guess = outputLines(prediction);
  const real = outputLines(actual);
  const res = linePatterns(patterns);
  // A pattern is used only when it describes this output (as many lines, each matching): otherwise it says
  // nothing about what may vary in this run.
  const usable = res && res.length === real.length && real.every((l, i) => res[i]!.test(l)) ? res : null;
  const fits = (g: string, j: number): "equal" | "pattern" | null => (real[j] === g ? "equal" : usable?.[j]?.test(g) ? "pattern" : null);

  const pairOf: (number | null)[] = guess.map(() => null); // predicted line -> output line
  if (mode === "exact") {
    guess.forEach((g, i) => {
      if (i < real.length && fits(g, i)) pairOf[i] = i;
    });
  } else {
    const owner: (number | null)[] = real.map(() => null); // output line -> predicted line
    const tryPair = (i: number, seen: Set<number>): boolean => {
      // Exact matches first, so a line equal to the output keeps that output line.
      const order = real.map((_, j) => j).sort((a, b) => (fits(guess[i]!, a) === "equal" ? 0 : 1) - (fits(guess[i]!, b) === "equal" ? 0 : 1));
      for (const j of order) {
        if (seen.has(j) || !fits(guess[i]!, j)) continue;
        seen.add(j);
        if (owner[j] === null || tryPair(owner[j]!, seen)) {
          owner[j] = i;
          pairOf[i] = j;
          return true;
        }
      }
      return false;
    };
    guess.forEach((_, i) => tryPair(i, new Set()));
  }
  const paired = new Set(pairOf.filter((j): j is number => j !== null));
  const wrongPredicted = pairOf.flatMap((j, i) => (j === null ? [i] : []));
  const missedActual = real.flatMap((_, j) => (paired.has(j) ? [] : [j]));
  const tolerated = pairOf.flatMap((j, i) => (j !== null && real[j] !== guess[i] ? [i] : []));
  const match = wrongPredicted.length === 0 && missedActual.length === 0;
  const right = real.length - missedActual.length;
  const varying = tolerated.length
    ? ` ${tolerated.length === 1 ? "One line differs" : `${tolerated.length} lines differ`} only where the output varies from run to run (a time, a name), so ${tolerated.length === 1 ? "it counts" : "they count"} as right.`
    : "";
  const summary = match
    ? (mode === "unordered" ? "You predicted every line (in any order, as concurrent output may come)." : "Spot on: your prediction matches the output.") + varying
    : `${right} of ${real.length} ${real.length === 1 ? "line" : "lines"} as predicted. Look at the highlighted lines.${varying}`;
  return { match, summary, wrongPredicted, missedActual, tolerated };
}
