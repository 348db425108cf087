import "server-only";
import { getSigningKey, rotateKeysIfDue } from "@/lib/data/lti";
import { applyRoster, claimDueScores, contextsDueForRoster, currentScore, purgeExpiredLtiRows, recordRosterError, recordScoreFailed, recordScoreSent, saveLineItemUrl, type DueScore, type RosterContext, type RosterSummary } from "@/lib/data/lti-sync";
import { log } from "@/lib/log";
import { SCOPE } from "./claims";
import { assignmentItems } from "./catalog";
import { isEmptyScore } from "./score";
import { accessToken, AGS_SCOPES, fetchMembers, findOrCreateLineItem, forgetTokens, postScore, ServiceError } from "./services";

/**
 * The background side of LTI: sends due scores from the outbox (retrying with backoff), syncs rosters, rotates our
 * key when it is old and clears expired login state. Runs in every app server (started by instrumentation.ts);
 * outbox rows are leased, so servers never send the same score twice at once.
 */

/** Sends one due score. Returns what happened, for the log and the tests. */
async function sendOne(row: DueScore): Promise<"sent" | "nothing" | "failed" | "dropped"> {
  if (!row.assignment) {
    // The link's assignment was removed: nothing to grade any more.
    await recordScoreSent(row, null);
    return "dropped";
  }
  const score = await currentScore(row.userId, row.assignment);
  if (!score) {
    await recordScoreSent(row, null);
    return "dropped";
  }
  const unchanged = row.sent.score === score.scoreGiven && row.sent.maximum === score.scoreMaximum && row.sent.activity === score.activityProgress;
  if (unchanged || (row.sent.score === null && isEmptyScore(score))) {
    await recordScoreSent(row, null);
    return "nothing";
  }
  try {
    const key = await getSigningKey();
    const token = await accessToken(row.platform, AGS_SCOPES.filter((s) => row.link.agsScopes.includes(s)).concat(SCOPE.score), key);
    let lineItem = row.link.lineItemUrl;
    if (!lineItem) {
      if (!row.link.lineItemsUrl || !row.link.agsScopes.includes(SCOPE.lineItem)) throw new ServiceError("The platform gave this link no gradebook column and no right to make one.", 0);
      const items = assignmentItems(row.assignment.kind, row.assignment.target);
      lineItem = await findOrCreateLineItem(row.link.lineItemsUrl, token, {
        resourceLinkId: row.link.resourceLinkId,
        label: items?.title ?? row.link.title ?? "Interleave",
        scoreMaximum: score.scoreMaximum,
        resourceId: `${row.assignment.kind}:${row.assignment.target}`,
      });
      await saveLineItemUrl(row.link.id, lineItem);
    }
    await postScore(lineItem, token, row.subject, score, new Date());
    await recordScoreSent(row, score);
    log.info("lti.score_sent", { outboxId: row.id, userId: row.userId, linkId: row.link.id, scoreGiven: score.scoreGiven, scoreMaximum: score.scoreMaximum, activityProgress: score.activityProgress });
    return "sent";
  } catch (err) {
    if (err instanceof ServiceError && (err.status === 401 || err.status === 403)) forgetTokens(row.platform.id);
    const message = err instanceof Error ? err.message : String(err);
    const next = await recordScoreFailed(row, message);
    log.warn("lti.score_failed", { outboxId: row.id, userId: row.userId, linkId: row.link.id, attempts: row.attempts + 1, retryAt: next.toISOString(), error: message });
    return "failed";
  }
}

/** Sends every due score (in batches); returns counts. */
export async function drainScoreOutbox(): Promise<Record<string, number>> {
  const counts: Record<string, number> = { sent: 0, nothing: 0, failed: 0, dropped: 0 };
  for (let batch = 0; batch < 10; batch++) {
    const due = await claimDueScores(20);
    if (!due.length) break;
    for (const row of due) counts[await sendOne(row)]! += 1;
  }
  return counts;
}

/** Reads the roster of one LMS course and applies it to its class. */
export async function syncRoster(ctx: RosterContext): Promise<RosterSummary> {
  try {
    const token = await accessToken(ctx.platform, [SCOPE.memberships], await getSigningKey());
    const { members, skipped } = await fetchMembers(ctx.membershipsUrl, token);
    if (skipped) log.warn("lti.roster_members_skipped", { classId: ctx.classId, skipped });
    return await applyRoster(ctx, members.map((m) => ({ ...m, userId: m.user_id })));
  } catch (err) {
    if (err instanceof ServiceError && (err.status === 401 || err.status === 403)) forgetTokens(ctx.platform.id);
    const message = err instanceof Error ? err.message : String(err);
    await recordRosterError(ctx.contextRowId, message);
    log.warn("lti.roster_failed", { classId: ctx.classId, error: message });
    throw err;
  }
}

const ROSTER_EVERY_MS = 6 * 3600_000;

async function housekeeping() {
  for (const ctx of await contextsDueForRoster(new Date(Date.now() - ROSTER_EVERY_MS))) await syncRoster(ctx).catch(() => undefined);
  await rotateKeysIfDue();
  await purgeExpiredLtiRows();
}

interface WorkerState {
  kick?: () => void;
  timer?: ReturnType<typeof setInterval>;
  running?: Promise<unknown>;
  again?: boolean;
  lastHousekeeping?: number;
}

// On globalThis: Next loads instrumentation and route handlers as separate bundles, each with its own module copies.
const state = ((globalThis as unknown as { interleaveLtiWorker?: WorkerState }).interleaveLtiWorker ??= {});

/** Runs a pass now (or right after the current one): called after progress is saved, so scores leave at once. */
export function kickLtiWorker(): void {
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = (async () => {
    do {
      state.again = false;
      try {
        await drainScoreOutbox();
        if (!state.lastHousekeeping || Date.now() - state.lastHousekeeping > 60_000) {
          state.lastHousekeeping = Date.now();
          await housekeeping();
        }
      } catch (err) {
        log.error("lti.worker_failed", { error: err });
      }
    } while (state.again);
  })().finally(() => {
    state.running = undefined;
  });
}

/** Polls the outbox every `LTI_WORKER_INTERVAL_MS` (default 5 s): retries and scores left by a restart go out. */
export function startLtiWorker(): void {
  if (state.timer) return;
  const interval = Math.max(200, Number(process.env.LTI_WORKER_INTERVAL_MS) || 5_000);
  state.kick = kickLtiWorker;
  state.timer = setInterval(kickLtiWorker, interval);
  state.timer.unref?.();
  kickLtiWorker();
}
