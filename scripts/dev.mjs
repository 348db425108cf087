// `npm run dev`: database ready, runtime bundle built, then Next's development server. Lessons reload on save.
import { bin, ensureEnvFile, run } from "./lib.mjs";

try {
  ensureEnvFile();
  await run(bin("tsx"), ["scripts/db-migrate.ts"]);
  await run(bin("tsx"), ["prisma/seed.ts"]);
  await run(process.execPath, ["scripts/build-runtime.mjs"]);
  await run(bin("next"), ["dev", ...process.argv.slice(2)]);
} catch (err) {
  console.error(`\nnpm run dev stopped: ${err.message}`);
  process.exit(1);
}
