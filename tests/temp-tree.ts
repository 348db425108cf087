import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach } from "vitest";

/**
 * Test helper: returns a function that writes `files` (relative path → text, below `under` when given) into a fresh
 * temporary folder and returns that folder. Every folder it made is removed after each test of the calling file.
 */
export function tempTree(prefix: string): (files: Record<string, string>, under?: string) => string {
  let roots: string[] = [];
  afterEach(() => {
    for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
    roots = [];
  });
  return (files, under = "") => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    roots.push(root);
    for (const [rel, text] of Object.entries(files)) {
      const file = path.join(root, under, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    return root;
  };
}
