"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { getPythonRuntime } from "@/lib/python/client";
import { RunSession, type SessionSnapshot } from "@/lib/python/client/session";
import type { RuntimePhase } from "@/lib/python/client/types";

const IDLE: RuntimePhase = { phase: "idle" };

/**
 * One run session per runner (lib/python/client/session.ts), and its current state. Starts loading Python as soon as
 * the runner is on screen (warm by the time Run is pressed, with workers for child processes when `code` starts
 * some); leaving the page stops what still runs.
 */
export function useRunSession(code?: string): [RunSession, SessionSnapshot] {
  const [session] = useState(() => new RunSession(getPythonRuntime));
  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot, session.getSnapshot);
  // The code on screen when the runner mounted: a program that starts processes gets spare workers readied too.
  const [preloadCode] = useState(code);
  useEffect(() => {
    getPythonRuntime().preload({ code: preloadCode });
    return () => session.dispose();
  }, [session, preloadCode]);
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
