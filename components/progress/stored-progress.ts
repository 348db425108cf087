"use client";

/** The stored form of the browser's progress (localStorage) and how two copies merge: used by progress-store.ts. */
import { z } from "zod";
import { emptySnapshot, mergeSnapshots, ProgressSnapshotSchema, RejectedItemSchema } from "@/lib/progress/model";

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
export const ACKED_KEPT = 1000;

/** What the store needs from the browser; tests pass their own. */
export interface StoreEnvironment {
  storage: Pick<Storage, "getItem" | "setItem" | "removeItem"> | null;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  isOnline(): boolean;
  /** Subscribe to "storage" (another tab wrote), "online" and "visible" (the tab came to the foreground). */
  on(event: "storage", handler: (key: string | null, value: string | null) => void): void;
  on(event: "online" | "visible", handler: () => void): void;
  now(): number;
  randomId(): string;
}

export function browserEnvironment(): StoreEnvironment {
  return {
    storage: (() => {
      try {
        return window.localStorage;
      } catch {
        return null; // storage disabled: progress lives in memory and still syncs
      }
    })(),
    fetch: (url, init) => window.fetch(url, init),
    isOnline: () => navigator.onLine !== false,
    on(event: string, handler: (...args: never[]) => void) {
      if (event === "storage") window.addEventListener("storage", (e) => (handler as (k: string | null, v: string | null) => void)(e.key, e.newValue));
      else if (event === "online") window.addEventListener("online", () => (handler as () => void)());
      else document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && (handler as () => void)());
    },
    now: () => Date.now(),
    randomId: () => crypto.randomUUID(),
  };
}

function union(a: string[], b: string[]): string[] {
  return a.length === 0 ? b : b.length === 0 ? a : [...new Set([...a, ...b])];
}

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

/** Rough size of an item in a push body, to keep each push under PUSH_LIMITS.bytes. */
export function sizeOf(value: unknown): number {
  return JSON.stringify(value).length;
}
