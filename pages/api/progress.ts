import type { NextApiRequest, NextApiResponse } from "next";
import { getSessionUserId, type CookieSource } from "@/lib/auth";
import { getUserById } from "@/lib/data/accounts";
import { applyProgressPush, getProgressSnapshot, UnknownUserError } from "@/lib/data/progress";
import { log } from "@/lib/log";
import { PUSH_LIMITS, ProgressPushSchema } from "@/lib/progress/model";

/**
 * /api/progress: the sync every signed-in learner's browser calls (up to a thousand saves a second on one instance).
 * It is a Pages Router API route, the one route of the app that is not in app/: Next hands it Node's own request and
 * response, where an App Router route handler gets a web Request built from them (headers copied, the body bridged
 * through a web stream) and its Response is piped back through another. Under the load bench that bridging was about
 * a fifth of the server's CPU per save, more than the data layer (README, Decisions). The site's headers
 * (next.config.ts) apply to it as to every route; the proxy (CSP) never ran on /api.
 *
 * POST: the browser sends what changed since its last acknowledged sync with its cursor; the answer is the new
 * cursor, what the device is missing since its old one, and the items that could not be stored (each with a reason;
 * the rest is stored). See lib/data/progress.ts. GET: the account's whole progress.
 */

export const config = { api: { bodyParser: false } };

/** A push is at most PUSH_LIMITS.bytes of changes (the browser splits larger ones) plus the JSON around them. */
const MAX_BODY_BYTES = 2 * PUSH_LIMITS.bytes;

function send(res: NextApiResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json");
  res.setHeader("Cache-Control", "private, no-store");
  res.setHeader("Content-Length", Buffer.byteLength(text));
  res.end(text);
}

function problem(res: NextApiResponse, status: number, message: string, details?: unknown) {
  send(res, status, { error: message, ...(details ? { details } : {}) });
}

function cookiesOf(req: NextApiRequest): CookieSource {
  return {
    get(name) {
      const value = req.cookies[name];
      return value === undefined ? undefined : { value };
    },
  };
}

/** The body as text, or null when it is larger than `limit` bytes (the rest is then not read). */
function readBody(req: NextApiRequest, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.resume(); // drain the rest so the connection stays usable for the answer
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve(size > limit ? null : Buffer.concat(chunks, size).toString("utf8")));
    req.on("error", reject);
  });
}

async function pull(req: NextApiRequest, res: NextApiResponse) {
  const userId = await getSessionUserId(cookiesOf(req));
  if (!userId || !(await getUserById(userId))) return problem(res, 401, "Sign in to load your saved progress.");
  send(res, 200, await getProgressSnapshot(userId));
}

async function push(req: NextApiRequest, res: NextApiResponse) {
  const userId = await getSessionUserId(cookiesOf(req));
  if (!userId) return problem(res, 401, "Sign in to save progress to your account.");
  if (!req.headers["content-type"]?.includes("application/json")) return problem(res, 415, "Send the progress as JSON (Content-Type: application/json).");
  const text = await readBody(req, MAX_BODY_BYTES);
  if (text === null) return problem(res, 413, `A progress push may be at most ${MAX_BODY_BYTES / 1_000_000} MB; send the changes in several pushes.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return problem(res, 400, "The request body is not valid JSON.");
  }
  const parsed = ProgressPushSchema.safeParse(json);
  if (!parsed.success) {
    return problem(
      res,
      400,
      "The progress push is malformed.",
      parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  try {
    const answer = await applyProgressPush(userId, parsed.data);
    if (answer.rejected.length) log.warn("progress.items_refused", { userId, refused: answer.rejected.slice(0, 5) });
    send(res, 200, answer);
  } catch (err) {
    if (err instanceof UnknownUserError) return problem(res, 401, err.message);
    throw err;
  }
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  try {
    if (req.method === "POST") return await push(req, res);
    if (req.method === "GET" || req.method === "HEAD") return await pull(req, res);
    res.setHeader("Allow", "GET, HEAD, POST");
    return problem(res, 405, "Use GET to load progress and POST to sync it.");
  } catch (err) {
    log.error("progress.request_failed", { method: req.method, error: err });
    if (!res.headersSent) problem(res, 500, "Saving progress failed on the server; your changes are kept on this device and sent again.");
  }
}
