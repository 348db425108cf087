"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { getPythonRuntime } from "@/lib/python/client";
import { RunSession, type SessionSnapshot } from "@/lib/python/client/session";
import type { RuntimePhase } from "@/lib/python/client/types";

const IDLE: RuntimePhase = { phase: "idle" };

/**
 * One run session per runner (lib/python/client/session.ts), and its current state. Starts loading Python as soon as
 * the runner is on screen (warm by the time Run is pressed); leaving the page stops what still runs.
 */
export function useRunSession(): [RunSession, SessionSnapshot] {
  const [session] = useState(() => new RunSession(getPythonRuntime));
  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot, session.getSnapshot);
  useEffect(() => {
    getPythonRuntime().preload();
    return () => session.dispose();
  }, [session]);
  return [session, snapshot];
}

/** The interpreter's loading state, shared by every runner of the page. */
export function useRuntimePhase(): RuntimePhase {
  return useSyncExternalStore(
    (cb) => getPythonRuntime().onPhase(cb),
    () => getPythonRuntime().phase,
    () => IDLE,
  );
}
