// tsx lib/python/harness/make-snapshot.ts OUT.bin — called by `node scripts/build-runtime.mjs --snapshot`.
// Starts the Python worker in snapshot mode in headless Chromium (the browser that will restore it: a snapshot made
// under Node breaks WebAssembly stack switching) and writes the interpreter's memory to OUT.bin.
import fs from "node:fs";
import { launchChromium, serveRuntime } from "./node";

const out = process.argv[2];
if (!out) {
  console.error("usage: tsx lib/python/harness/make-snapshot.ts OUT.bin");
  process.exit(2);
}
let uploaded: Buffer | null = null;
const server = await serveRuntime({ onUpload: (body) => (uploaded = body) });
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/harness.html`);
  await page.waitForFunction(() => "interleaveHarness" in window);
  await page.evaluate(() => window.interleaveHarness.makeSnapshot());
  if (!uploaded) throw new Error("the page did not upload the snapshot");
  // Written under a temporary name first: a half-written snapshot must never look current.
  fs.writeFileSync(`${out}.tmp`, uploaded);
  fs.renameSync(`${out}.tmp`, out);
} finally {
  await browser.close();
  await server.close();
}
