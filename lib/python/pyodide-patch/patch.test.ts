import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { transformSync } from "esbuild";
import { describe, expect, it } from "vitest";
import { HUNKS, MARKER, PATCHED_VERSION, patchPyodideAsm } from "./index.mjs";

const root = path.resolve(import.meta.dirname, "..", "..", "..");
const pyodideDir = path.join(root, "node_modules", "pyodide");
const installedVersion = JSON.parse(fs.readFileSync(path.join(pyodideDir, "package.json"), "utf8")).version as string;
const source = fs.readFileSync(path.join(pyodideDir, "pyodide.asm.mjs"), "utf8");

describe("our patch of Pyodide's JavaScript", () => {
  it("was written for the installed Pyodide", () => {
    expect(installedVersion).toBe(PATCHED_VERSION);
  });

  it("applies every hunk to the installed pyodide.asm.mjs exactly once", () => {
    expect(HUNKS.map((h) => h.id)).toEqual(["suspended-frames", "resumed-frames", "snapshot-trampoline"]);
    for (const hunk of HUNKS) {
      expect(source.split(hunk.find).length - 1, hunk.id).toBe(1);
    }
    const patched = patchPyodideAsm(source);
    expect(patched.startsWith(MARKER)).toBe(true);
    for (const hunk of HUNKS) {
      expect(patched.includes(hunk.find), hunk.id).toBe(false);
      expect(patched.includes(hunk.replace), hunk.id).toBe(true);
    }
    // Still a well-formed module.
    expect(() => transformSync(patched, { format: "esm", loader: "js" })).not.toThrow();
  });

  it("refuses to patch twice, or a Pyodide whose code moved", () => {
    expect(() => patchPyodideAsm(patchPyodideAsm(source))).toThrow(/already patched/);
    const moved = source.replace("function restoreState(state){", "function restoreState(s){");
    expect(() => patchPyodideAsm(moved)).toThrow(/"resumed-frames" does not apply/);
  });

  it("is what the build serves (public/pyodide), when the runtime has been built", () => {
    const served = path.join(root, "public", "pyodide", installedVersion, "pyodide.asm.mjs");
    // postinstall builds the runtime, so on any installed checkout the file is there; it is gzip-compressed.
    expect(fs.existsSync(served), `${served} (run node scripts/build-runtime.mjs)`).toBe(true);
    const sha = (text: string | Buffer) => crypto.createHash("sha256").update(text).digest("hex");
    // (Hashes, not the 1.2 MB texts: a failure should print a line, not the file.)
    expect(sha(zlib.gunzipSync(fs.readFileSync(served))), "public/pyodide is stale: run node scripts/build-runtime.mjs").toBe(sha(patchPyodideAsm(source)));
  });
});
