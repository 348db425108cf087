import { db } from "@/lib/db/client";
import { databaseUrl } from "@/lib/db/env";
import { checkDatabase } from "@/lib/db/health";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

const startedAt = Date.now();

/**
 * For load balancers and uptime checks: 200 when the database answers and its migrations are current, 503 otherwise.
 * Says nothing secret (no URL, no counts of users).
 */
export async function GET() {
  const database = await checkDatabase(db, databaseUrl());
  if (!database.ok) log.error("health.unhealthy", { provider: database.provider, error: database.error });
  return Response.json(
    { status: database.ok ? "ok" : "unavailable", uptimeSeconds: Math.round((Date.now() - startedAt) / 1000), database },
    { status: database.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
