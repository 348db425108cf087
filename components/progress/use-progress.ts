"use client";

import { useSyncExternalStore } from "react";
import { emptySnapshot, type ProgressSnapshot } from "@/lib/progress/model";
import { progressStore, type SyncState } from "./progress-store";

const serverSnapshot = emptySnapshot();

/** The learner's progress; empty during server rendering, filled in after hydration. */
export function useProgress(): ProgressSnapshot {
  return useSyncExternalStore(progressStore.subscribe, progressStore.getSnapshot, () => serverSnapshot);
}

export function useSyncState(): SyncState {
  return useSyncExternalStore(progressStore.subscribe, progressStore.getSyncState, () => "local" as SyncState);
}
