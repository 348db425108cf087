"use client";

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { progressStore } from "@/components/progress/progress-store";

const SAVE_DELAY_MS = 600;

/**
 * The learner's edits of a piece of code, kept as a draft in the progress store (so they survive a reload and sync
 * to the account): the code shown is the last edit, else the saved draft, else `original`. Saves are debounced and
 * flushed when the page is hidden, the component goes away or the learner signs out. Without an id nothing is
 * saved (an unnamed runner keeps its edits until it unmounts).
 */
export function useDraft(draftId: string | undefined, original: string): [code: string, edit: (next: string) => void] {
  const saved = useSyncExternalStore(
    progressStore.subscribe,
    () => (draftId ? progressStore.getSnapshot().drafts[draftId]?.code : undefined),
    () => undefined,
  );
  const [edited, setEdited] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<string | null>(null);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    if (draftId && pending.current !== null) progressStore.saveDraft(draftId, pending.current);
    pending.current = null;
  }, [draftId]);

  useEffect(() => {
    const off = progressStore.registerPendingWriter(flush);
    window.addEventListener("pagehide", flush);
    return () => {
      flush();
      off();
      window.removeEventListener("pagehide", flush);
    };
  }, [flush]);

  const edit = useCallback(
    (next: string) => {
      setEdited(next);
      if (!draftId) return;
      pending.current = next;
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, SAVE_DELAY_MS);
    },
    [draftId, flush],
  );

  return [edited ?? saved ?? original, edit];
}
