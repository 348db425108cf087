// tsx lib/python/harness/make-snapshot.ts [--jspi OUT.bin] [--no-jspi OUT.bin] — called by
// `node scripts/build-runtime.mjs --snapshot`. Starts the Python worker in snapshot mode in headless Chromium (the
// browser that will restore it: a snapshot made under Node breaks WebAssembly stack switching) and writes the
// interpreter's memory: with stack switching (JSPI) to the --jspi file, with it hidden from Pyodide (the memory a
// browser without JSPI can restore: see lib/python/worker/interpreter.ts) to the --no-jspi file.
import fs from "node:fs";
import { launchChromium, serveRuntime } from "./node";

const wanted: { stackSwitching: boolean; out: string }[] = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  const [flag, out] = [args[i], args[i + 1]];
  if ((flag !== "--jspi" && flag !== "--no-jspi") || !out) {
    console.error("usage: tsx lib/python/harness/make-snapshot.ts [--jspi OUT.bin] [--no-jspi OUT.bin]");
    process.exit(2);
  }
  wanted.push({ stackSwitching: flag === "--jspi", out });
}
let uploaded: Buffer | null = null;
const server = await serveRuntime({ onUpload: (body) => (uploaded = body) });
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/harness.html`);
  await page.waitForFunction(() => "interleaveHarness" in window);
  for (const { stackSwitching, out } of wanted) {
    uploaded = null;
    await page.evaluate((options) => window.interleaveHarness.makeSnapshot(options), { stackSwitching });
    const bytes: Buffer | null = uploaded;
    if (!bytes) throw new Error("the page did not upload the snapshot");
    // Written under a temporary name first: a half-written snapshot must never look current.
    fs.writeFileSync(`${out}.tmp`, bytes);
    fs.renameSync(`${out}.tmp`, out);
  }
} finally {
  await browser.close();
  await server.close();
}
