/**
 * Runs once when a server starts (Next.js instrumentation). Starts the LTI worker, which sends grade passback from
 * the outbox, syncs LMS rosters and rotates our LTI key (lib/lti/worker.ts). LTI_WORKER=off leaves it to other servers.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build" || process.env.LTI_WORKER === "off") return;
  const { startLtiWorker } = await import("@/lib/lti/worker");
  startLtiWorker();
}
