/**
 * An exercise is written once, as `exercises/<name>/solution.py`: a complete, runnable solution in which the author
 * marks where the learner's starter differs. The starter and the solution shown to the learner are derived from it,
 * so they cannot drift apart.
 *
 *     def transfer(source, target, amount):
 *         #| starter
 *         # with source.lock:
 *         #     with target.lock:
 *         #| solution
 *         first, second = sorted((source, target), key=lambda a: a.number)
 *         with first.lock:
 *             with second.lock:
 *         #| end
 *                 source.balance -= amount
 *
 * A block is `#| starter` (lines only the starter has, written as comments at the marker's indentation), then
 * `#| solution` (lines only the solution has), then `#| end`; either part may be left out. The starter is the file
 * with every solution part dropped and every starter part uncommented (the `# ` or `#` right after the marker's
 * indentation removed, the indentation kept); the solution is the file with the starter parts dropped. Marker lines
 * belong to neither. Both derived texts keep, line by line, the line of solution.py they came from, so that a
 * problem found in either is reported at the right line of the one source file.
 */
import fs from "node:fs";
import path from "node:path";
import { ContentError } from "./errors";

/** The two programs derived from a marked solution.py, and for each of their lines the line of solution.py (1-based). */
export interface ExerciseSource {
  starter: string;
  solution: string;
  /** starterLines[i]: the line of solution.py that line i + 1 of the starter came from. */
  starterLines: number[];
  /** solutionLines[i]: the line of solution.py that line i + 1 of the solution came from. */
  solutionLines: number[];
  /** The line of solution.py that opens the first block (0 when there is none). */
  firstBlock: number;
}

// [^]* rather than .*: a line of a CRLF file keeps its \r, which the word's trim() removes.
const MARKER = /^([ \t]*)#\|([^]*)$/;
const WORDS = ["starter", "solution", "end"] as const;
type Word = (typeof WORDS)[number];

/**
 * Splits a marked solution.py into the starter and the solution. Throws ContentError naming `file` and the line for
 * bad markers: an unknown `#|` word, a block opened inside another, a part out of order, `#| end` with no block, a
 * block never closed, a marker indented differently from the one that opened its block, a block that changes
 * nothing, or a starter line that is not a comment at the block's indentation.
 */
export function splitExercise(text: string, file: string): ExerciseSource {
  const lines = text.split("\n");
  const endsWithNewline = lines.at(-1) === "";
  if (endsWithNewline) lines.pop();
  const starter: string[] = [];
  const solution: string[] = [];
  const starterLines: number[] = [];
  const solutionLines: number[] = [];
  const fail = (line: number, detail: string): never => {
    throw new ContentError(file, line, detail);
  };
  let block: { line: number; indent: string; opened: "starter" | "solution"; part: "starter" | "solution"; starterLines: number; solutionLines: number } | null = null;
  let firstBlock = 0;
  const open = (n: number, indent: string, part: "starter" | "solution") => {
    block = { line: n, indent, opened: part, part, starterLines: 0, solutionLines: 0 };
    firstBlock ||= n;
  };
  const lineUp = (n: number, word: Word, indent: string, current: NonNullable<typeof block>) => {
    if (indent !== current.indent) fail(n, `"#| ${word}" is indented differently from the "#| ${current.opened}" that opened its block at line ${current.line}: a block's markers line up`);
  };
  lines.forEach((text, index) => {
    const n = index + 1;
    const marker = MARKER.exec(text);
    if (marker) {
      const indent = marker[1]!;
      const word = marker[2]!.trim() as Word;
      if (!WORDS.includes(word)) fail(n, `unknown marker "#|${marker[2]!.trimEnd()}": exercise markers are "#| starter", "#| solution" and "#| end", each alone on its line`);
      const current = block as typeof block;
      if (word === "starter") {
        if (current?.opened === "solution") fail(n, `"#| starter" after the "#| solution" at line ${current.line}: a block's starter part comes first (#| starter, then #| solution, then #| end)`);
        if (current) fail(n, `"#| starter" inside the block opened at line ${current.line}: blocks cannot nest; close that one with "#| end" first`);
        open(n, indent, "starter");
      } else if (word === "solution") {
        if (!current) open(n, indent, "solution");
        else {
          if (current.part === "solution") fail(n, `a second "#| solution" in the block opened at line ${current.line}: close it with "#| end" first`);
          lineUp(n, word, indent, current);
          current.part = "solution";
        }
      } else {
        if (!current) fail(n, `"#| end" with no open block: a block starts with "#| starter" or "#| solution"`);
        lineUp(n, word, indent, current!);
        if (!current!.starterLines && !current!.solutionLines) fail(n, `the block opened at line ${current!.line} is empty: it changes nothing between the starter and the solution`);
        block = null;
      }
      return;
    }
    if (!block) {
      starter.push(text);
      starterLines.push(n);
      solution.push(text);
      solutionLines.push(n);
    } else if (block.part === "solution") {
      solution.push(text);
      solutionLines.push(n);
      block.solutionLines += 1;
    } else {
      block.starterLines += 1;
      starterLines.push(n);
      if (!text.trim()) {
        starter.push("");
        return;
      }
      const prefix = `${block.indent}#`;
      if (!text.startsWith(prefix)) {
        const where = block.indent ? `at the marker's indentation (${describeIndent(block.indent)})` : "at the start of the line";
        fail(n, `this line of the "#| starter" part (opened at line ${block.line}) is not a comment ${where}: write the starter's lines commented out ("${prefix} ..."), so that solution.py stays the runnable solution`);
      }
      const rest = text.slice(prefix.length);
      starter.push(rest === "" ? "" : block.indent + (rest.startsWith(" ") ? rest.slice(1) : rest));
    }
  });
  const unclosed = block as { line: number; opened: string } | null;
  if (unclosed) fail(unclosed.line, `the "#| ${unclosed.opened}" block opened here is never closed: end it with "#| end"`);
  const join = (out: string[]) => out.join("\n") + (endsWithNewline && out.length ? "\n" : "");
  return { starter: join(starter), solution: join(solution), starterLines, solutionLines, firstBlock };
}

function describeIndent(indent: string): string {
  const tabs = [...indent].filter((c) => c === "\t").length;
  const spaces = indent.length - tabs;
  return [spaces ? `${spaces} space${spaces === 1 ? "" : "s"}` : "", tabs ? `${tabs} tab${tabs === 1 ? "" : "s"}` : ""].filter(Boolean).join(" and ");
}

/** The line of solution.py behind line `line` (1-based) of a derived program, or undefined when there is none. */
export function sourceLine(lines: readonly number[], line: number | null | undefined): number | undefined {
  return line ? lines[line - 1] : undefined;
}

/**
 * Reads an exercise folder's solution.py and derives its starter. Throws ContentError naming the file: solution.py
 * missing, bad markers, no block at all (the starter would be the solution), or a leftover starter.py (the starter
 * comes from solution.py alone).
 */
export function readExerciseSource(dir: string): ExerciseSource & { file: string } {
  const file = path.join(dir, "solution.py");
  const rel = (f: string) => path.relative(process.cwd(), f) || f;
  if (!fs.existsSync(file)) throw new ContentError(file, undefined, `no such file ${rel(file)}: an exercise is written as solution.py, with its starter marked inside it (#| starter … #| solution … #| end)`);
  const source = splitExercise(fs.readFileSync(file, "utf8"), file);
  const leftover = path.join(dir, "starter.py");
  if (fs.existsSync(leftover)) {
    throw new ContentError(
      leftover,
      undefined,
      source.firstBlock
        ? `starter.py is not read: the starter is derived from the markers in solution.py (line ${source.firstBlock}); delete starter.py`
        : `starter.py is not read: mark in solution.py where the starter differs (#| starter … #| solution … #| end, see content/README.md "Exercises") and delete starter.py`,
    );
  }
  if (!source.firstBlock) {
    throw new ContentError(file, undefined, `solution.py has no "#| starter" or "#| solution" block, so the starter would be the solution itself: mark what the learner starts from (see content/README.md "Exercises")`);
  }
  return { ...source, file };
}
