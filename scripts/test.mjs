// `npm test`: types, lint, unit tests, the content check, end-to-end tests in Debian's Chromium against a production
// build and a throwaway database, then the cross-browser smoke suite in Firefox ESR and WebKitGTK. Stops at the first
// failing stage and says which one.
import { bin, buildApp, buildIsCurrent, chromiumPath, ensureDebianPackages, run } from "./lib.mjs";

const stages = [
  ["types", () => run(bin("tsc"), ["--noEmit"])],
  ["lint", () => run(bin("eslint"), ["--max-warnings=0", "."])],
  [
    // The fast lane (pure unit tests, files in parallel: `npm run test:unit`) first, then the suites that drive Chromium
    // or PostgreSQL, one file at a time (the projects of vitest.config.ts).
    "unit",
    async () => {
      for (const project of ["unit", "integration"]) {
        const t0 = Date.now();
        await run(bin("vitest"), ["run", "--project", project]);
        console.log(`  ${project} tests: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      }
    },
  ],
  // Every example and exercise through the site's runtime in headless Chromium (one browser, one warm worker).
  ["content", () => run(bin("tsx"), ["scripts/content-check.ts"])],
  [
    "e2e",
    async () => {
      if (!chromiumPath()) {
        throw new Error(
          "no Chromium found for the end-to-end tests. Install Debian's package (`sudo apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium binary.",
        );
      }
      if (!buildIsCurrent()) await buildApp();
      await run(bin("playwright"), ["test"]);
    },
  ],
  [
    // Stock Firefox ESR (WebDriver BiDi, puppeteer-core) and WebKitGTK (WebKitWebDriver under xvfb-run): see
    // e2e/browsers/. Debian's packages are installed here when missing (as root), or the stage stops naming them.
    "browsers",
    async () => {
      if (!buildIsCurrent()) await buildApp();
      await run(bin("vitest"), ["run", "-c", "vitest.browsers.config.ts"]);
    },
  ],
];

const only = process.argv.slice(2);
const selected = (name) => !only.length || only.includes(name);

// Debian's browsers, checked before anything runs: installed here when root, else the run stops at once naming them.
const packages = [];
if (["unit", "content", "e2e"].some(selected) && !process.env.CHROMIUM_PATH) packages.push({ file: chromiumPath() ?? "/usr/bin/chromium", pkg: "chromium" });
if (selected("browsers")) {
  packages.push(
    { file: "/usr/bin/firefox-esr", pkg: "firefox-esr" },
    { file: "/usr/bin/WebKitWebDriver", pkg: "webkit2gtk-driver" },
    { file: "/usr/bin/xvfb-run", pkg: "xvfb" },
  );
}
try {
  await ensureDebianPackages(packages);
} catch (err) {
  console.error(`\n✖ npm test: ${err.message}`);
  process.exit(1);
}

const started = Date.now();
for (const [name, stage] of stages) {
  if (only.length && !only.includes(name)) continue;
  const t0 = Date.now();
  console.log(`\n▶ ${name}`);
  try {
    await stage();
  } catch (err) {
    console.error(`\n✖ npm test: the ${name} stage failed: ${err.message}`);
    process.exit(1);
  }
  console.log(`✔ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
console.log(`\nAll test stages passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
