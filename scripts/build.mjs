// `npm run build`: the Python runtime bundle, then the Next.js production build.
import { buildApp } from "./lib.mjs";

await buildApp().catch((err) => {
  console.error(`\nBuild failed: ${err.message}`);
  process.exit(1);
});
