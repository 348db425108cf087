import { getCurrentUser } from "@/lib/auth";
import { ForbiddenError, getProgressSnapshot, mergeProgress } from "@/lib/data/progress";
import { log } from "@/lib/log";
import { ProgressSnapshotSchema } from "@/lib/progress/model";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 2_000_000;

function problem(status: number, message: string, details?: unknown) {
  return Response.json({ error: message, ...(details ? { details } : {}) }, { status });
}

export async function GET() {
  const user = await getCurrentUser();
  if (!user) return problem(401, "Sign in to load your saved progress.");
  return Response.json(await getProgressSnapshot(user.id));
}

/** Merge the browser's progress snapshot into the account; answers with the merged whole. */
export async function POST(request: Request) {
  const user = await getCurrentUser();
  if (!user) return problem(401, "Sign in to save progress to your account.");
  if (!request.headers.get("content-type")?.includes("application/json")) return problem(415, "Send the progress as JSON (Content-Type: application/json).");
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return problem(413, `The progress snapshot is larger than ${MAX_BODY_BYTES / 1_000_000} MB.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return problem(400, "The request body is not valid JSON.");
  }
  const parsed = ProgressSnapshotSchema.safeParse(json);
  if (!parsed.success) {
    return problem(
      400,
      "The progress snapshot is malformed.",
      parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  try {
    return Response.json(await mergeProgress(user.id, parsed.data));
  } catch (err) {
    if (err instanceof ForbiddenError) {
      log.warn("progress.forbidden", { userId: user.id, message: err.message });
      return problem(403, err.message);
    }
    log.error("progress.save_failed", { userId: user.id, error: err });
    throw err;
  }
}
