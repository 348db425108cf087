"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useSyncExternalStore, useTransition } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { progressStore } from "./progress-store";
import { useSyncState } from "./use-progress";

/**
 * A server-rendered page of the account's progress (/me) is rendered before this device's progress reaches the
 * account: the store pushes it after hydration (after signing up, for instance). Once that push is saved, the page
 * renders again so its counts include it (issue 21, item 2). With `welcome`, it says what is happening meanwhile.
 */
export function AccountSync({ welcome }: { welcome: boolean }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const sync = useSyncState();
  // Read once, in the browser, before the first push can have answered.
  const [hadUnsent] = useState(() => typeof window !== "undefined" && progressStore.hasUnsentChanges());
  const unsent = useSyncExternalStore(progressStore.subscribe, progressStore.hasUnsentChanges, () => false);
  const saved = sync === "saved" && !unsent;
  // The refresh runs in a transition, so the page knows when the new counts are on screen: only then does it say
  // "brought" (a learner reading the counts, or a test leaving the page, would otherwise race the refresh).
  const refreshed = useRef(false);
  const [refreshing, startRefresh] = useTransition();
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (hadUnsent && saved && !refreshed.current) {
      refreshed.current = true;
      startRefresh(() => router.refresh());
    }
  }, [hadUnsent, saved, router]);
  useEffect(() => {
    if (refreshed.current && !refreshing) setShown(true);
  }, [refreshing]);
  if (!welcome) return null;
  // "hydrating" until this component knows (a test waiting for the page to settle must not take it for "nothing").
  const phase = !hydrated ? "hydrating" : !hadUnsent ? "nothing" : shown ? "brought" : "bringing";
  return (
    <p className="form-success" role="status" data-sync={phase}>
      Your account is ready.
      {phase === "bringing" ? " Bringing what you did on this device into it…" : phase === "brought" ? " What you did on this device before signing up is in it now." : null}
    </p>
  );
}
