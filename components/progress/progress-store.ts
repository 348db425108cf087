"use client";

import {
  mergeDraft,
  mergeLesson,
  mergeSummary,
  ProgressPullSchema,
  PUSH_LIMITS,
  type Attempt,
  type Draft,
  type LessonProgress,
  type ProgressPull,
  type ProgressSnapshot,
  type RejectedItem,
} from "@/lib/progress/model";
import { browserEnvironment, type StoreEnvironment } from "./store-environment";
import { ACKED_KEPT, emptyState, mergeStored, parseStored, readStored, STORAGE_KEY, type Stored } from "./stored-progress";

export type { StoreEnvironment } from "./store-environment";

/**
 * The browser's copy of the learner's progress. Every change lands in localStorage first (so nothing is lost when
 * offline or signed out) and is marked as not yet acknowledged. For a signed-in learner the store then pushes only
 * those changes, with its cursor, to /api/progress, in as many pushes as it takes (PUSH_LIMITS each); the answer
 * acknowledges them and brings what this device is missing since its cursor (other devices' lessons and drafts, and
 * per-exercise summaries of every attempt stored). Acknowledged attempts leave the device: it keeps one summary per
 * exercise instead, so the device's copy stays small however many attempts the learner makes.
 *
 * Nothing stops syncing: a change the server refuses (a program over the size limit, say) is kept on this device,
 * shown to the learner and not sent again until it changes; a failed push is retried with back-off. Two tabs share
 * the stored copy and merge each other's writes (storage events); the merge is monotonic, so any order is safe.
 */

const PUSH_DELAY_MS = 800;
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 60_000;
/** A tab that comes back to the foreground asks for other devices' changes when it last synced longer ago. */
const REFRESH_AFTER_MS = 30_000;

export type SyncState = "local" | "saving" | "saved" | "pending" | "error";

type Listener = () => void;

/** Rough size of an item in a push body, to keep each push under PUSH_LIMITS.bytes. */
function sizeOf(value: unknown): number {
  return JSON.stringify(value).length;
}

export class ProgressStore {
  private state: Stored = emptyState();
  private loaded = false;
  private listeners = new Set<Listener>();
  private userId: string | null | undefined = undefined; // undefined = not known yet
  private sync: SyncState = "local";
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inflight: Promise<boolean> | null = null;
  private retryMs = RETRY_MIN_MS;
  private lastSyncAt = 0;
  private env: StoreEnvironment | null;
  /** Set when the learner should see why saving failed (refused push, storage full). */
  private problem: string | null = null;

  constructor(env?: StoreEnvironment) {
    this.env = env ?? null;
  }

  private environment(): StoreEnvironment | null {
    if (!this.env && typeof window !== "undefined") this.env = browserEnvironment();
    return this.env;
  }

  private load() {
    const env = this.environment();
    if (this.loaded || !env) return;
    this.loaded = true;
    this.state = readStored(env.storage) ?? emptyState();
    env.on("storage", (key, value) => {
      if (key !== STORAGE_KEY || !value) return;
      // Another tab saved: merge its copy into ours.
      const other = parseStored(value);
      if (!other) return;
      this.state = mergeStored(this.state, other);
      this.emit();
    });
    env.on("online", () => this.schedulePush(0, true));
    env.on("visible", () => {
      if (env.now() - this.lastSyncAt > REFRESH_AFTER_MS) this.schedulePush(0, true);
    });
  }

  private persist() {
    try {
      this.environment()?.storage?.setItem(STORAGE_KEY, JSON.stringify(this.state));
      if (this.problem === STORAGE_FULL) this.problem = null;
    } catch {
      // Quota or privacy mode: the in-memory copy still syncs to the server; say so while anything is unsent.
      if (this.hasUnsent()) this.problem = STORAGE_FULL;
    }
  }

  private emit() {
    this.version += 1;
    for (const l of this.listeners) l();
  }

  version = 0;

  subscribe = (listener: Listener) => {
    this.load();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ProgressSnapshot => {
    this.load();
    return this.state.snapshot;
  };

  getSyncState = (): SyncState => this.sync;

  /** Changes the server refused (kept on this device) and any other reason saving needs the learner's attention. */
  getProblems = (): ProblemReport => {
    const refused = this.state.refused;
    if (this.problemReport.refused !== refused || this.problemReport.message !== this.problem) this.problemReport = { refused, message: this.problem };
    return this.problemReport;
  };
  private problemReport: ProblemReport = { refused: [], message: null };

  /** The cursor and what is still unsent, for tests and diagnostics. */
  debugState(): { cursor: number | null; unsentLessons: number; unsentDrafts: number; unsentAttempts: number; refused: number } {
    const s = this.state;
    return { cursor: s.cursor, unsentLessons: s.unsent.lessons.length, unsentDrafts: s.unsent.drafts.length, unsentAttempts: s.snapshot.attempts.length, refused: s.refused.length };
  }

  private hasUnsent(): boolean {
    const s = this.state;
    const refusedAttempts = new Set(s.refused.filter((r) => r.kind === "attempt").map((r) => r.id));
    return s.unsent.lessons.length > 0 || s.unsent.drafts.length > 0 || s.snapshot.attempts.some((a) => !refusedAttempts.has(a.id));
  }

  private change(kind: "lesson" | "draft" | "attempt", id: string, next: (s: ProgressSnapshot) => ProgressSnapshot) {
    this.load();
    const s = this.state;
    const unsent =
      kind === "lesson" && !s.unsent.lessons.includes(id)
        ? { ...s.unsent, lessons: [...s.unsent.lessons, id] }
        : kind === "draft" && !s.unsent.drafts.includes(id)
          ? { ...s.unsent, drafts: [...s.unsent.drafts, id] }
          : s.unsent;
    // A refused item that changes is worth trying again.
    const refused = s.refused.some((r) => r.kind === kind && r.id === id) ? s.refused.filter((r) => !(r.kind === kind && r.id === id)) : s.refused;
    this.state = { ...s, unsent, refused, snapshot: next(s.snapshot) };
    this.persist();
    this.emit();
    this.schedulePush(PUSH_DELAY_MS);
  }

  /** True while something done on this device has not reached the account yet. */
  hasUnsentChanges = (): boolean => {
    this.load();
    return this.hasUnsent();
  };

  /** Called once the page knows who is signed in (null = anonymous). */
  setUser(userId: string | null) {
    this.load();
    if (this.userId === userId) return;
    this.userId = userId;
    if (userId && this.state.owner && this.state.owner !== userId) {
      // Another account's leftovers on a shared browser are not ours to merge.
      this.state = emptyState(userId);
      this.persist();
      this.emit();
    }
    if (userId) {
      // The first push sends anything done anonymously to the account and brings the account's progress.
      if (this.state.owner !== userId) this.state = { ...this.state, owner: userId, cursor: null };
      this.schedulePush(0, true);
    } else {
      this.setSync("local");
    }
  }

  private pendingWriters = new Set<() => void>();

  /** Components that debounce their writes (the code editor) register here so a flush includes them. */
  registerPendingWriter(write: () => void): () => void {
    this.pendingWriters.add(write);
    return () => this.pendingWriters.delete(write);
  }

  /** Push everything unsent now, in as many pushes as it takes (before signing out; tests). True when all went. */
  async flush(): Promise<boolean> {
    for (const write of this.pendingWriters) write();
    clearTimeout(this.timer);
    if (!this.userId) return false;
    for (let i = 0; i < 10_000; i++) {
      const ok = await this.push();
      if (!ok) return false;
      if (!this.hasUnsent() && !this.moreToPull) return true;
    }
    return false;
  }

  /** On sign-out the device forgets the account's progress. */
  clearForSignOut() {
    clearTimeout(this.timer);
    this.state = emptyState();
    this.problem = null;
    this.persist();
    this.emit();
  }

  private setSync(s: SyncState) {
    if (this.sync === s) return;
    this.sync = s;
    this.emit();
  }

  private schedulePush(delay: number, force = false) {
    const env = this.environment();
    if (!this.userId || !env) return;
    if (!force && !this.hasUnsent()) return;
    clearTimeout(this.timer);
    this.setSync(env.isOnline() ? "saving" : "pending");
    this.timer = setTimeout(() => void this.pushAll(), delay);
  }

  private moreToPull = false;

  private async pushAll() {
    for (;;) {
      const ok = await this.push();
      if (!ok || (!this.hasUnsent() && !this.moreToPull)) return;
    }
  }

  /** The next push: unsent changes up to PUSH_LIMITS, oldest attempts first. */
  private nextPush() {
    const s = this.state;
    let bytes = 0;
    const fits = (value: unknown) => {
      const n = sizeOf(value);
      if (bytes > 0 && bytes + n > PUSH_LIMITS.bytes) return false;
      bytes += n;
      return true;
    };
    const lessons: Record<string, LessonProgress> = {};
    for (const id of s.unsent.lessons.slice(0, PUSH_LIMITS.lessons)) {
      const l = s.snapshot.lessons[id];
      if (l && fits(l)) lessons[id] = l;
    }
    const drafts: Record<string, Draft> = {};
    for (const id of s.unsent.drafts) {
      if (Object.keys(drafts).length >= PUSH_LIMITS.drafts) break;
      const d = s.snapshot.drafts[id];
      if (!d) continue;
      if (!fits(d)) break;
      drafts[id] = d;
    }
    const refusedAttempts = new Set(s.refused.filter((r) => r.kind === "attempt").map((r) => r.id));
    const attempts: Attempt[] = [];
    for (const a of s.snapshot.attempts) {
      if (attempts.length >= PUSH_LIMITS.attempts) break;
      if (refusedAttempts.has(a.id)) continue;
      if (!fits(a)) break;
      attempts.push(a);
    }
    return { cursor: s.cursor, lessons, drafts, attempts };
  }

  /** One push. Resolves false when it failed (a retry is scheduled). */
  private async push(): Promise<boolean> {
    if (this.inflight) {
      await this.inflight;
      return this.push();
    }
    const env = this.environment();
    const userId = this.userId;
    if (!userId || !env) return false;
    const sent = this.nextPush();
    this.inflight = (async () => {
      try {
        const res = await env.fetch("/api/progress", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(sent),
          credentials: "same-origin",
        });
        if (res.status === 401) {
          this.userId = null;
          this.setSync("local");
          return false;
        }
        if (!res.ok) {
          const message = await res
            .json()
            .then((b: { error?: string }) => b.error)
            .catch(() => undefined);
          throw new Error(message ?? `HTTP ${res.status}`);
        }
        const body = ProgressPullSchema.safeParse(await res.json());
        if (!body.success) throw new Error("The server's answer was not understood.");
        if (this.userId !== userId) return false; // signed out meanwhile
        this.acknowledge(sent, body.data);
        this.retryMs = RETRY_MIN_MS;
        this.lastSyncAt = env.now();
        if (this.problem !== STORAGE_FULL) this.problem = null;
        const more = this.hasUnsent() || this.moreToPull;
        this.setSync(more ? "saving" : "saved");
        this.emit();
        return true;
      } catch (err) {
        const offline = !env.isOnline();
        if (!offline && err instanceof Error && !(err instanceof TypeError)) this.problem = `Could not save to your account (${err.message}).`;
        this.setSync(offline ? "pending" : "error");
        this.emit();
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.pushAll(), this.retryMs);
        this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
        return false;
      } finally {
        this.inflight = null;
      }
    })();
    return this.inflight;
  }

  private acknowledge(sent: ReturnType<ProgressStore["nextPush"]>, answer: ProgressPull) {
    const s = this.state;
    const refusedKey = new Set(answer.rejected.map((r) => `${r.kind}:${r.id}`));
    // Sent and unchanged since: acknowledged (or refused). Changed meanwhile: still unsent.
    const settled = (kind: "lesson" | "draft", id: string, value: unknown, current: unknown) => value === current || refusedKey.has(`${kind}:${id}`);
    const lessonsLeft = s.unsent.lessons.filter((id) => !(id in sent.lessons && settled("lesson", id, sent.lessons[id], s.snapshot.lessons[id])));
    const draftsLeft = s.unsent.drafts.filter((id) => !(id in sent.drafts && settled("draft", id, sent.drafts[id], s.snapshot.drafts[id])));
    const acked = new Set(sent.attempts.map((a) => a.id).filter((id) => !refusedKey.has(`attempt:${id}`)));

    const lessons = { ...s.snapshot.lessons };
    for (const [id, l] of Object.entries(answer.lessons)) lessons[id] = mergeLesson(lessons[id], l)!;
    const drafts = { ...s.snapshot.drafts };
    for (const [id, d] of Object.entries(answer.drafts)) drafts[id] = mergeDraft(drafts[id], d)!;
    const exercises = { ...s.snapshot.exercises };
    for (const [id, e] of Object.entries(answer.exercises)) exercises[id] = mergeSummary(exercises[id], e)!;
    const refused = [...s.refused.filter((r) => !refusedKey.has(`${r.kind}:${r.id}`)), ...answer.rejected];

    this.state = {
      owner: s.owner,
      cursor: answer.cursor,
      snapshot: { lessons, drafts, exercises, attempts: s.snapshot.attempts.filter((a) => !acked.has(a.id)) },
      unsent: { lessons: lessonsLeft, drafts: draftsLeft },
      refused,
      acked: acked.size ? [...s.acked, ...acked].slice(-ACKED_KEPT) : s.acked,
    };
    this.moreToPull = answer.more;
    this.persist();
  }

  // ---- changes ----

  openLesson(lessonId: string, now = Date.now()) {
    this.change("lesson", lessonId, (s) => ({
      ...s,
      lessons: {
        ...s.lessons,
        [lessonId]: mergeLesson(s.lessons[lessonId], { firstOpenedAt: now, lastOpenedAt: now, position: s.lessons[lessonId]?.position ?? 0, positionAt: s.lessons[lessonId]?.positionAt ?? now, completedAt: null, secondsSpent: 0 })!,
      },
    }));
  }

  readLesson(lessonId: string, position: number, addSeconds: number, now = Date.now()) {
    this.change("lesson", lessonId, (s) => {
      const prev: LessonProgress = s.lessons[lessonId] ?? { firstOpenedAt: now, lastOpenedAt: now, position: 0, positionAt: now, completedAt: null, secondsSpent: 0 };
      return {
        ...s,
        lessons: {
          ...s.lessons,
          [lessonId]: { ...prev, lastOpenedAt: Math.max(prev.lastOpenedAt, now), position: Math.min(1, Math.max(0, position)), positionAt: Math.max(prev.positionAt, now), secondsSpent: Math.min(10_000_000, prev.secondsSpent + Math.round(addSeconds)) },
        },
      };
    });
  }

  completeLesson(lessonId: string, now = Date.now()) {
    this.change("lesson", lessonId, (s) => {
      const prev = s.lessons[lessonId] ?? { firstOpenedAt: now, lastOpenedAt: now, position: 1, positionAt: now, completedAt: null, secondsSpent: 0 };
      return { ...s, lessons: { ...s.lessons, [lessonId]: { ...prev, completedAt: prev.completedAt ?? now } } };
    });
  }

  saveDraft(runnerId: string, code: string, now = Date.now()) {
    this.change("draft", runnerId, (s) => {
      // The newest edit wins everywhere; a clock that went backwards must not make this edit lose to the last one.
      const updatedAt = Math.max(now, (s.drafts[runnerId]?.updatedAt ?? 0) + 1);
      return { ...s, drafts: { ...s.drafts, [runnerId]: { code, updatedAt } } };
    });
  }

  recordAttempt(attempt: Omit<Attempt, "id" | "at"> & { at?: number }) {
    const id = this.environment()?.randomId() ?? crypto.randomUUID();
    const full: Attempt = { ...attempt, id, at: attempt.at ?? Date.now() };
    this.change("attempt", id, (s) => ({ ...s, attempts: [...s.attempts, full] }));
  }
}

const STORAGE_FULL = "This device's storage is full: your latest changes are kept in this tab until they reach your account.";

export interface ProblemReport {
  refused: RejectedItem[];
  message: string | null;
}

export const progressStore = new ProgressStore();
