"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useSyncExternalStore } from "react";
import { progressStore } from "./progress-store";
import { useSyncState } from "./use-progress";

type Phase = "nothing" | "bringing" | "brought";

/**
 * A server-rendered page of the account's progress (/me) is rendered before this device's progress reaches the
 * account: the store pushes it after hydration (after signing up, for instance). Once that push is saved, the page
 * renders again so its counts include it (issue 21, item 2). With `welcome`, it says what is happening meanwhile.
 */
export function AccountSync({ welcome }: { welcome: boolean }) {
  const router = useRouter();
  const sync = useSyncState();
  const [phase, setPhase] = useState<Phase>("nothing");
  useEffect(() => {
    if (progressStore.hasUnsentChanges()) setPhase("bringing");
  }, []);
  const unsent = useSyncExternalStore(progressStore.subscribe, progressStore.hasUnsentChanges, () => false);
  const saved = sync === "saved" && !unsent;
  useEffect(() => {
    if (phase === "bringing" && saved) {
      setPhase("brought");
      router.refresh();
    }
  }, [phase, saved, router]);
  if (!welcome) return null;
  return (
    <p className="form-success" role="status" data-sync={phase}>
      Your account is ready.
      {phase === "bringing" ? " Bringing what you did on this device into it…" : phase === "brought" ? " What you did on this device before signing up is in it now." : null}
    </p>
  );
}
