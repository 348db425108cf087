import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Course } from "@/lib/content/discover";
import { offlineManifest } from "./manifest";

const course = { lessons: [{ href: "/learn/one/first" }, { href: "/learn/one/second" }] } as unknown as Course;
const dirs: string[] = [];

/** A site root with the runtime files a build leaves (public/runtime, public/pyodide, .next). */
function site(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "interleave-offline-"));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the offline manifest", () => {
  const runtime = {
    "public/runtime/worker-0123456789abcdef.mjs": "",
    "public/runtime/harness.mjs": "",
    "public/runtime/snapshot-aaaaaaaaaaaaaaaa.bin": "",
    "public/runtime/snapshot-bbbbbbbbbbbbbbbb.bin": "",
    "public/pyodide/314.0.7/pyodide.asm.wasm": "",
    ".next/BUILD_ID": "build-7\n",
    ".next/static/chunks/app.js": "",
    ".next/static/chunks/app.js.map": "",
  };

  it("lists pages and files, and names each snapshot's flavour apart from the files every browser stores", () => {
    const root = site({
      ...runtime,
      "public/runtime/manifest.json": JSON.stringify({ worker: "/runtime/worker-0123456789abcdef.mjs", snapshot: "/runtime/snapshot-bbbbbbbbbbbbbbbb.bin", snapshotNoJspi: "/runtime/snapshot-aaaaaaaaaaaaaaaa.bin" }),
    });
    const m = offlineManifest(course, root);
    expect(m.pages).toEqual(["/", "/glossary", "/learn/one/first", "/learn/one/second"]);
    expect(m.snapshots).toEqual({ jspi: "/runtime/snapshot-bbbbbbbbbbbbbbbb.bin", noJspi: "/runtime/snapshot-aaaaaaaaaaaaaaaa.bin" });
    expect(m.assets.filter((a) => a.includes("snapshot"))).toEqual([]);
    expect(m.assets).toContain("/runtime/worker-0123456789abcdef.mjs");
    expect(m.assets).toContain("/pyodide/314.0.7/pyodide.asm.wasm");
    expect(m.assets).toContain("/_next/static/chunks/app.js");
    expect(m.assets).not.toContain("/_next/static/chunks/app.js.map");
    expect(m.assets).not.toContain("/runtime/harness.mjs");
    expect(m.version).toMatch(/^build-7-snapshot-[ab]{16}-2$/);
  });

  it("offers no snapshot that is missing on disk, or when the runtime was built without them", () => {
    const stale = site({ ...runtime, "public/runtime/manifest.json": JSON.stringify({ snapshot: "/runtime/snapshot-cccccccccccccccc.bin", snapshotNoJspi: "" }) });
    expect(offlineManifest(course, stale).snapshots).toEqual({ jspi: null, noJspi: null });
    const none = site({ "public/runtime/worker-0123456789abcdef.mjs": "" });
    expect(offlineManifest(course, none)).toMatchObject({ version: "dev-no-snapshot-2", snapshots: { jspi: null, noJspi: null }, assets: ["/icon.svg", "/runtime/worker-0123456789abcdef.mjs", "/theme-init.js"] });
  });
});
