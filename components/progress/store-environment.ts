import type { StoredProgressStorage } from "./stored-progress";

/** What the progress store needs from the browser; tests pass their own. */
export interface StoreEnvironment {
  storage: StoredProgressStorage | null;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  isOnline(): boolean;
  /** Subscribe to "storage" (another tab wrote), "online" and "visible" (the tab came to the foreground). */
  on(event: "storage", handler: (key: string | null, value: string | null) => void): void;
  on(event: "online" | "visible", handler: () => void): void;
  now(): number;
  randomId(): string;
}

/** The real browser's: localStorage (when allowed), fetch, and the window's and document's events. */
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
