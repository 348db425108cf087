/**
 * Comparing a program's output with what its lesson expects: an exact golden output (x.out) or one regular
 * expression per line (x.out.re). Pure: content:check (./check-programs.ts) and the prediction steps
 * (components/mdx/predict-compare.ts) read output the same way.
 */

/** Output as lines: Windows line ends and trailing spaces ignored, and the blank lines at the end. */
export function outputLines(text: string): string[] {
  return text
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((l) => l.trimEnd())
    .join("\n")
    .replace(/\n+$/, "")
    .split("\n");
}

/** First difference between expected and actual output, in words. */
export function diffOutput(expected: string, actual: string): string | null {
  const e = outputLines(expected);
  const a = outputLines(actual);
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] === a[i]) continue;
    if (a[i] === undefined) return `line ${i + 1}: expected ${JSON.stringify(e[i])}, but the output ended after ${a.length} lines`;
    if (e[i] === undefined) return `line ${i + 1}: unexpected extra output ${JSON.stringify(a[i])}`;
    return `line ${i + 1}: expected ${JSON.stringify(e[i])}, got ${JSON.stringify(a[i])}`;
  }
  return null;
}

/** x.out.re: one JavaScript regular expression per output line, each matching the whole line. */
export function matchPattern(pattern: string, actual: string): { line: number; message: string } | null {
  const p = outputLines(pattern);
  const a = outputLines(actual);
  for (let i = 0; i < Math.max(p.length, a.length); i++) {
    if (p[i] === undefined) return { line: p.length, message: `the output has more lines than the pattern: ${JSON.stringify(a[i])}` };
    if (a[i] === undefined) return { line: i + 1, message: `the output ended before the pattern's line ${i + 1}` };
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${p[i]})$`);
    } catch (err) {
      return { line: i + 1, message: `invalid regular expression: ${(err as Error).message}` };
    }
    if (!re.test(a[i]!)) return { line: i + 1, message: `output line ${i + 1} ${JSON.stringify(a[i])} does not match /${p[i]}/` };
  }
  return null;
}

