"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
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
  const refreshed = useRef(false);
  useEffect(() => {
    if (hadUnsent && saved && !refreshed.current) {
      refreshed.current = true;
      router.refresh();
    }
  }, [hadUnsent, saved, router]);
  if (!welcome) return null;
  // "hydrating" until this component knows (a test waiting for the page to settle must not take it for "nothing").
  const phase = !hydrated ? "hydrating" : !hadUnsent ? "nothing" : saved ? "brought" : "bringing";
  return (
    <p className="form-success" role="status" data-sync={phase}>
      Your account is ready.
      {phase === "bringing" ? " Bringing what you did on this device into it…" : phase === "brought" ? " What you did on this device before signing up is in it now." : null}
    </p>
  );
}
