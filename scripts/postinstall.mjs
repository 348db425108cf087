// Runs after `npm install` / `npm ci`: generate the Prisma clients and build the in-browser Python runtime.
// Both work offline (the Prisma CLI's engine download is not needed for `generate`; see scripts/db-generate.ts).
import { bin, run } from "./lib.mjs";

try {
  await run(bin("tsx"), ["scripts/db-generate.ts"]);
  await run(process.execPath, ["scripts/build-runtime.mjs"]);
} catch (err) {
  console.error(`\npostinstall failed: ${err.message}`);
  process.exit(1);
}
