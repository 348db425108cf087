"use client";

import {
  emptySnapshot,
  mergeLesson,
  mergeSnapshots,
  ProgressSnapshotSchema,
  type Attempt,
  type LessonProgress,
  type ProgressSnapshot,
} from "@/lib/progress/model";

/**
 * The browser's copy of the learner's progress. Every change lands in localStorage first (so nothing is lost when
 * offline or signed out), then, for a signed-in learner, is pushed to /api/progress. The server merges and answers
 * with the merged whole, which is merged back here. Because the merge is monotonic and idempotent, pushing the whole
 * snapshot is always safe: two tabs, retries and an anonymous session merged at sign-in lose nothing.
 */

const STORAGE_KEY = "interleave-progress-v1";
const PUSH_DELAY_MS = 800;
const RETRY_MS = 10_000;

export type SyncState = "local" | "saving" | "saved" | "pending" | "error";

interface Stored {
  /** The account this snapshot was last synced with; null while anonymous. */
  owner: string | null;
  dirty: boolean;
  snapshot: ProgressSnapshot;
}

type Listener = () => void;

class ProgressStore {
  private state: Stored = { owner: null, dirty: false, snapshot: emptySnapshot() };
  private loaded = false;
  private listeners = new Set<Listener>();
  private userId: string | null | undefined = undefined; // undefined = not known yet
  private sync: SyncState = "local";
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inflight: Promise<void> | null = null;

  private load() {
    if (this.loaded || typeof window === "undefined") return;
    this.loaded = true;
    try {
      const raw = localStorage.getItem(STORAGE_KEY);
      if (raw) {
        const parsed = JSON.parse(raw) as Partial<Stored>;
        const snap = ProgressSnapshotSchema.safeParse(parsed.snapshot);
        if (snap.success) this.state = { owner: parsed.owner ?? null, dirty: Boolean(parsed.dirty), snapshot: snap.data };
      }
    } catch {
      // A corrupt or unavailable store starts empty rather than breaking the page.
    }
    window.addEventListener("storage", (e) => {
      if (e.key !== STORAGE_KEY || !e.newValue) return;
      // Another tab saved: merge its state into ours.
      try {
        const other = JSON.parse(e.newValue) as Stored;
        const snap = ProgressSnapshotSchema.safeParse(other.snapshot);
        if (snap.success) {
          this.state = { ...this.state, snapshot: mergeSnapshots(this.state.snapshot, snap.data) };
          this.emit();
        }
      } catch {
        /* ignore malformed foreign writes */
      }
    });
    window.addEventListener("online", () => this.schedulePush(0));
  }

  private persist() {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(this.state));
    } catch {
      // Quota or privacy mode: the in-memory copy still syncs to the server.
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

  private update(change: (s: ProgressSnapshot) => ProgressSnapshot) {
    this.load();
    this.state = { ...this.state, dirty: true, snapshot: change(this.state.snapshot) };
    this.persist();
    this.emit();
    this.schedulePush(PUSH_DELAY_MS);
  }

  /** Called once the page knows who is signed in (null = anonymous). */
  setUser(userId: string | null) {
    this.load();
    if (this.userId === userId) return;
    this.userId = userId;
    if (userId && this.state.owner && this.state.owner !== userId) {
      // Another account's leftovers on a shared browser are not ours to merge.
      this.state = { owner: userId, dirty: false, snapshot: emptySnapshot() };
      this.persist();
      this.emit();
    }
    if (userId) {
      // First push merges anything done anonymously into the account and fetches the account's progress.
      this.state.owner = userId;
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

  /** Push anything unsaved now (before signing out). */
  async flush(): Promise<void> {
    for (const write of this.pendingWriters) write();
    clearTimeout(this.timer);
    if (this.userId && this.state.dirty) await this.push();
  }

  /** On sign-out the device forgets the account's progress. */
  clearForSignOut() {
    this.state = { owner: null, dirty: false, snapshot: emptySnapshot() };
    this.persist();
    this.emit();
  }

  private setSync(s: SyncState) {
    if (this.sync === s) return;
    this.sync = s;
    this.emit();
  }

  private schedulePush(delay: number, force = false) {
    if (!this.userId || typeof window === "undefined") return;
    if (!force && !this.state.dirty) return;
    clearTimeout(this.timer);
    this.setSync(navigator.onLine === false ? "pending" : "saving");
    this.timer = setTimeout(() => void this.push(), delay);
  }

  private async push(): Promise<void> {
    if (this.inflight) {
      await this.inflight;
      if (this.state.dirty) return this.push();
      return;
    }
    const userId = this.userId;
    if (!userId) return;
    const sent = this.state.snapshot;
    this.inflight = (async () => {
      try {
        const res = await fetch("/api/progress", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(sent),
          credentials: "same-origin",
        });
        if (res.status === 401) {
          this.userId = null;
          this.setSync("local");
          return;
        }
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const body = ProgressSnapshotSchema.safeParse(await res.json());
        if (!body.success) throw new Error("malformed response");
        // Anything changed while the request was in flight stays dirty and goes out next.
        const changedMeanwhile = this.state.snapshot !== sent;
        this.state = { owner: userId, dirty: changedMeanwhile, snapshot: mergeSnapshots(this.state.snapshot, body.data) };
        this.persist();
        this.setSync(changedMeanwhile ? "saving" : "saved");
        this.emit();
        if (changedMeanwhile) this.schedulePush(PUSH_DELAY_MS);
      } catch {
        this.setSync(navigator.onLine === false ? "pending" : "error");
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.push(), RETRY_MS);
      } finally {
        this.inflight = null;
      }
    })();
    return this.inflight;
  }

  // ---- changes ----

  openLesson(lessonId: string, now = Date.now()) {
    this.update((s) => ({
      ...s,
      lessons: {
        ...s.lessons,
        [lessonId]: mergeLesson(s.lessons[lessonId], { firstOpenedAt: now, lastOpenedAt: now, position: s.lessons[lessonId]?.position ?? 0, positionAt: s.lessons[lessonId]?.positionAt ?? now, completedAt: null, secondsSpent: 0 })!,
      },
    }));
  }

  readLesson(lessonId: string, position: number, addSeconds: number, now = Date.now()) {
    this.update((s) => {
      const prev: LessonProgress = s.lessons[lessonId] ?? { firstOpenedAt: now, lastOpenedAt: now, position: 0, positionAt: now, completedAt: null, secondsSpent: 0 };
      return {
        ...s,
        lessons: {
          ...s.lessons,
          [lessonId]: { ...prev, lastOpenedAt: now, position: Math.min(1, Math.max(0, position)), positionAt: now, secondsSpent: prev.secondsSpent + Math.round(addSeconds) },
        },
      };
    });
  }

  completeLesson(lessonId: string, now = Date.now()) {
    this.update((s) => {
      const prev = s.lessons[lessonId] ?? { firstOpenedAt: now, lastOpenedAt: now, position: 1, positionAt: now, completedAt: null, secondsSpent: 0 };
      return { ...s, lessons: { ...s.lessons, [lessonId]: { ...prev, completedAt: prev.completedAt ?? now } } };
    });
  }

  saveDraft(runnerId: string, code: string, now = Date.now()) {
    this.update((s) => ({ ...s, drafts: { ...s.drafts, [runnerId]: { code, updatedAt: now } } }));
  }

  recordAttempt(attempt: Omit<Attempt, "id" | "at"> & { at?: number }) {
    const full: Attempt = { ...attempt, id: crypto.randomUUID(), at: attempt.at ?? Date.now() };
    this.update((s) => ({ ...s, attempts: [...s.attempts, full].slice(-500) }));
  }
}

export const progressStore = new ProgressStore();
