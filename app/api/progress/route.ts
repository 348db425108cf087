import type { NextRequest } from "next/server";
import { getCurrentUser, getSessionUserId } from "@/lib/auth";
import { applyProgressPush, getProgressSnapshot, UnknownUserError } from "@/lib/data/progress";
import { log } from "@/lib/log";
import { PUSH_LIMITS, ProgressPushSchema } from "@/lib/progress/model";

export const dynamic = "force-dynamic";

/** A push is at most PUSH_LIMITS.bytes of changes (the browser splits larger ones) plus the JSON around them. */
const MAX_BODY_BYTES = 2 * PUSH_LIMITS.bytes;

function problem(status: number, message: string, details?: unknown) {
  return Response.json({ error: message, ...(details ? { details } : {}) }, { status });
}

/** The account's whole progress: every lesson and draft, and a summary of each exercise's attempts. */
export async function GET() {
  const user = await getCurrentUser();
  if (!user) return problem(401, "Sign in to load your saved progress.");
  return Response.json(await getProgressSnapshot(user.id));
}

/**
 * Sync: the browser sends what changed since its last acknowledged sync with its cursor; the answer is the new
 * cursor, what the device is missing since its old one, and the items that could not be stored (each with a reason;
 * the rest is stored). See lib/data/progress.ts.
 */
export async function POST(request: NextRequest) {
  const userId = await getSessionUserId(request.cookies);
  if (!userId) return problem(401, "Sign in to save progress to your account.");
  if (!request.headers.get("content-type")?.includes("application/json")) return problem(415, "Send the progress as JSON (Content-Type: application/json).");
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return problem(413, `A progress push may be at most ${MAX_BODY_BYTES / 1_000_000} MB; send the changes in several pushes.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return problem(400, "The request body is not valid JSON.");
  }
  const parsed = ProgressPushSchema.safeParse(json);
  if (!parsed.success) {
    return problem(
      400,
      "The progress push is malformed.",
      parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  try {
    const answer = await applyProgressPush(userId, parsed.data);
    if (answer.rejected.length) log.warn("progress.items_refused", { userId, refused: answer.rejected.slice(0, 5) });
    return Response.json(answer);
  } catch (err) {
    if (err instanceof UnknownUserError) return problem(401, err.message);
    log.error("progress.save_failed", { userId, error: err });
    throw err;
  }
}
