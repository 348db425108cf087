import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// The report of `npm run content:check`, read by the /author pages. Kept apart from check.ts, which starts Chromium.

export interface Problem {
  file: string;
  line?: number;
  message: string;
}

/** "lib/x.py:3: message", the file relative to `root`. */
export function formatProblem(p: Problem, root = process.cwd()): string {
  return `${path.relative(root, p.file) || p.file}${p.line ? `:${p.line}` : ""}: ${p.message}`;
}

export interface LessonReport {
  id: string;
  title: string;
  draft: boolean;
  file: string;
  examples: number;
  exercises: number;
  programs: number;
  problems: Problem[];
  /** A hash of the lesson folder's files when checked: another hash now means the result is stale. */
  fingerprint: string;
  durationMs: number;
}

export interface ContentReport {
  version: 1;
  finishedAt: number;
  durationMs: number;
  ok: boolean;
  /** Problems that are no lesson's own (the course structure). */
  problems: Problem[];
  lessons: LessonReport[];
  /** Golden files rewritten by --update. */
  updated: string[];
}


export const REPORT_FILE = ".content-check.json";

/** The last `npm run content:check` report (.content-check.json in the project), or null if there is none. */
export function readContentReport(): ContentReport | null {
  try {
    const report = JSON.parse(fs.readFileSync(path.join(process.cwd(), REPORT_FILE), "utf8")) as ContentReport;
    return report.version === 1 ? report : null;
  } catch {
    return null;
  }
}

/** A hash of every file in the lesson's folder (names and contents): changes when any of them does, and only then. */
export function lessonFingerprint(file: string): string {
  const hash = createHash("sha1");
  const walk = (dir: string, prefix: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, `${prefix}${entry.name}/`);
      else hash.update(`${prefix}${entry.name}\0`).update(fs.readFileSync(full)).update("\0");
    }
  };
  walk(path.dirname(file), "");
  return hash.digest("hex");
}
