"use client";

import { useSyncExternalStore } from "react";
import { emptySnapshot, type ProgressSnapshot } from "@/lib/progress/model";
import { progressStore, type ProblemReport, type SyncState } from "./progress-store";

const serverSnapshot = emptySnapshot();

/** The learner's progress; empty during server rendering, filled in after hydration. */
export function useProgress(): ProgressSnapshot {
  return useSyncExternalStore(progressStore.subscribe, progressStore.getSnapshot, () => serverSnapshot);
}

export function useSyncState(): SyncState {
  return useSyncExternalStore(progressStore.subscribe, progressStore.getSyncState, () => "local" as SyncState);
}

const noProblems: ProblemReport = { refused: [], message: null };

/** Changes the server refused (kept on this device) and other reasons saving needs the learner's attention. */
export function useSyncProblems(): ProblemReport {
  return useSyncExternalStore(progressStore.subscribe, progressStore.getProblems, () => noProblems);
}
