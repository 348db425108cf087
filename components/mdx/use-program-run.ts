"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { getPythonRuntime } from "@/lib/python/client";
import type { RunHandle, RunRequest, RunResult } from "@/lib/python/client/types";

/**
 * One program at a time in the page's Python worker, for steps that run a driver (a schedule search, a blocking
 * call's measurement) and read what it printed. Stopped when the step leaves the page.
 */
export function useProgramRun() {
  const handle = useRef<RunHandle | null>(null);
  const [running, setRunning] = useState(false);

  useEffect(() => {
    getPythonRuntime().preload();
    return () => handle.current?.stop();
  }, []);

  const run = useCallback(
    (request: RunRequest) =>
      new Promise<{ stdout: string; console: string; result: RunResult } | null>((resolve) => {
        if (handle.current) return resolve(null);
        let stdout = "";
        let console = ""; // stdout and stderr as the console shows them
        setRunning(true);
        handle.current = getPythonRuntime().run(request, (event) => {
          if (event.kind === "stdout") stdout += event.text;
          if (event.kind === "stdout" || event.kind === "stderr") console += event.text;
          if (event.kind !== "done") return;
          handle.current = null;
          setRunning(false);
          resolve({ stdout, console, result: event.result });
        });
      }),
    [],
  );
  const stop = useCallback(() => handle.current?.stop(), []);
  return { run, stop, running };
}
