import { emptySnapshot, mergeSnapshots, ProgressSnapshotSchema, RejectedItemSchema } from "@/lib/progress/model";
import { z } from "zod";

/**
 * The browser's stored copy of the learner's progress (localStorage, one key shared by every tab): its format, how
 * two tabs' copies merge, and how it is read back, including the format before sync by deltas. The store that keeps
 * it up to date and syncs it is progress-store.ts.
 */

export const STORAGE_KEY = "interleave-progress-v2";
/** The format before sync by deltas: read once, its progress marked unsent, then removed. */
const LEGACY_KEY = "interleave-progress-v1";
/** Acknowledged attempt ids remembered, so a merge with another tab's older copy does not bring them back. */
export const ACKED_KEPT = 1000;

export const StoredSchema = z.object({
  /** The account this copy was last synced with; null while anonymous. */
  owner: z.string().nullable(),
  /** The server's change counter this copy has caught up to; null before the first sync with `owner`. */
  cursor: z.number().int().nullable(),
  snapshot: ProgressSnapshotSchema,
  /** Lessons and drafts changed since the server last acknowledged them (every attempt in the snapshot is unsent). */
  unsent: z.object({ lessons: z.array(z.string()), drafts: z.array(z.string()) }),
  /** Changes the server refused, with its reason; kept here and not sent again until they change. */
  refused: z.array(RejectedItemSchema),
  /** Ids of the attempts acknowledged lately, so a merge with another tab's older copy does not bring them back. */
  acked: z.array(z.string()).default([]),
});
export type Stored = z.infer<typeof StoredSchema>;

export const emptyState = (owner: string | null = null): Stored => ({ owner, cursor: null, snapshot: emptySnapshot(), unsent: { lessons: [], drafts: [] }, refused: [], acked: [] });

/** Where the copy is kept: the browser's localStorage, or nothing when storage is disabled. */
export type StoredProgressStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

function union(a: string[], b: string[]): string[] {
  return a.length === 0 ? b : b.length === 0 ? a : [...new Set([...a, ...b])];
}

/** Merges another tab's copy into this one (copies of other accounts are left alone). */
export function mergeStored(mine: Stored, other: Stored): Stored {
  if (mine.owner !== other.owner) return mine;
  // Both copies hold everything up to their cursors, so the merge holds everything up to the larger one.
  const cursor = mine.cursor === null ? other.cursor : other.cursor === null ? mine.cursor : Math.max(mine.cursor, other.cursor);
  const snapshot = mergeSnapshots(mine.snapshot, other.snapshot);
  // An attempt either tab has had acknowledged is counted in the (merged) summaries and leaves the copy.
  const acked = union(mine.acked, other.acked).slice(-ACKED_KEPT);
  const ackedSet = new Set(acked);
  snapshot.attempts = snapshot.attempts.filter((a) => !ackedSet.has(a.id));
  const refused = [...mine.refused, ...other.refused.filter((r) => !mine.refused.some((m) => m.kind === r.kind && m.id === r.id))];
  return { owner: mine.owner, cursor, snapshot, unsent: { lessons: union(mine.unsent.lessons, other.unsent.lessons), drafts: union(mine.unsent.drafts, other.unsent.drafts) }, refused, acked };
}

/** A stored copy's text, or null when it is not one (corrupt, or another version's format). */
export function parseStored(raw: string): Stored | null {
  try {
    const parsed = StoredSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The copy in storage, in either format, or null when there is none (or it cannot be read). */
export function readStored(storage: StoredProgressStorage | null): Stored | null {
  return readCurrent(storage) ?? readLegacy(storage);
}

function readCurrent(storage: StoredProgressStorage | null): Stored | null {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    return raw ? parseStored(raw) : null;
  } catch {
    return null; // a corrupt or unavailable store starts empty rather than breaking the page
  }
}

/** Progress kept in the old whole-snapshot format: everything in it is sent again (sending twice is harmless). */
function readLegacy(storage: StoredProgressStorage | null): Stored | null {
  try {
    const raw = storage?.getItem(LEGACY_KEY);
    if (!raw) return null;
    const old = JSON.parse(raw) as { owner?: string | null; snapshot?: unknown };
    const snap = ProgressSnapshotSchema.safeParse(old.snapshot);
    if (!snap.success) return null;
    const state: Stored = { ...emptyState(old.owner ?? null), snapshot: snap.data, unsent: { lessons: Object.keys(snap.data.lessons), drafts: Object.keys(snap.data.drafts) } };
    storage?.setItem(STORAGE_KEY, JSON.stringify(state));
    storage?.removeItem(LEGACY_KEY);
    return state;
  } catch {
    return null;
  }
}
