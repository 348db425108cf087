/** Comparing a learner's predicted output with the real one. Pure, so it is tested without a browser. */

export interface Comparison {
  match: boolean;
  summary: string;
  /** Indexes of predicted lines that are not in the output (at their place, or at all when unordered). */
  wrongPredicted: number[];
  /** Indexes of output lines the prediction missed. */
  missedActual: number[];
}

const lines = (text: string) =>
  text
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((l) => l.trimEnd())
    .join("\n")
    .replace(/\n+$/, "")
    .split("\n");

export function comparePrediction(prediction: string, actual: string, mode: "exact" | "unordered"): Comparison {
  const guess = lines(prediction);
  const real = lines(actual);
  let wrongPredicted: number[];
  let missedActual: number[];
  if (mode === "exact") {
    wrongPredicted = guess.flatMap((l, i) => (real[i] === l ? [] : [i]));
    missedActual = real.flatMap((l, i) => (guess[i] === l ? [] : [i]));
  } else {
    const pool = [...real];
    wrongPredicted = guess.flatMap((l, i) => {
      const at = pool.indexOf(l);
      if (at < 0) return [i];
      pool.splice(at, 1);
      return [];
    });
    const left = [...guess];
    missedActual = real.flatMap((l, i) => {
      const at = left.indexOf(l);
      if (at < 0) return [i];
      left.splice(at, 1);
      return [];
    });
  }
  const match = wrongPredicted.length === 0 && missedActual.length === 0;
  const right = real.length - missedActual.length;
  const summary = match
    ? mode === "unordered"
      ? "You predicted every line (in any order, as concurrent output may come)."
      : "Spot on: your prediction matches the output."
    : `${right} of ${real.length} ${real.length === 1 ? "line" : "lines"} as predicted. Look at the highlighted lines.`;
  return { match, summary, wrongPredicted, missedActual };
}
