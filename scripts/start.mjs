// `npm start`: everything a fresh clone needs, then the production server on http://localhost:3000.
// Safe to run again: migrations and the seed are idempotent, and the build is redone only when sources changed.
import { spawn } from "node:child_process";
import { bin, buildApp, buildIsCurrent, ensureEnvFile, root, run } from "./lib.mjs";

const port = Number(process.env.PORT ?? 3000);

try {
  ensureEnvFile();
  await run(bin("tsx"), ["scripts/db-migrate.ts"]);
  await run(bin("tsx"), ["prisma/seed.ts"]);
  if (buildIsCurrent()) console.log("Production build is up to date.");
  else await buildApp();
} catch (err) {
  console.error(`\nCould not start Interleave: ${err.message}`);
  process.exit(1);
}

const server = spawn(bin("next"), ["start", "-p", String(port)], {
  cwd: root,
  stdio: ["inherit", "pipe", "inherit"],
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
let announced = false;
server.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  if (!announced && /Ready in|started server/i.test(chunk.toString())) {
    announced = true;
    console.log(`
  Interleave is running: http://localhost:${port}

  Demo accounts (password for all three: interleave-demo)
    learner@interleave.dev   a learner with some progress
    teacher@interleave.dev   a teacher with the class "Concurrency 101" (join code DEMO-101)
    author@interleave.dev    an author (sees drafts and the authoring tools)
`);
  }
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
// `npm start` ended by its pid (a service manager, `kill`; not Ctrl+C, which reaches the whole process group): npm 11
// exits without passing the signal on, and this script and the server would be left running. An orphan is adopted
// by another process, so a changed parent means npm is gone.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) server.kill("SIGTERM");
}, 1000).unref();
server.on("exit", (code) => process.exit(code ?? 0));
