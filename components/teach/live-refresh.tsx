"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { LocalTime } from "@/components/ui/local-time";

/**
 * Keeps a server-rendered page current: polls a cheap fingerprint of what the page shows and asks the server for a
 * fresh render (router.refresh keeps client state such as sorting and an open dialog) when it changes. Polling was
 * chosen over server-sent events: it needs no long-lived connections and pauses in a hidden tab.
 */
export function LiveRefresh({ versionUrl, version, intervalMs = 3000 }: { versionUrl: string; version: string; intervalMs?: number }) {
  const router = useRouter();
  const known = useRef(version);
  const [state, setState] = useState<{ status: "live" | "offline"; at: number | null }>({ status: "live", at: null });
  useEffect(() => {
    known.current = version;
  }, [version]);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      if (stopped) return;
      if (document.visibilityState === "visible") {
        try {
          const res = await fetch(versionUrl, { cache: "no-store", credentials: "same-origin" });
          if (res.ok) {
            const { version: latest } = (await res.json()) as { version: string };
            if (latest !== known.current) {
              known.current = latest;
              router.refresh();
              setState({ status: "live", at: Date.now() });
            } else setState((s) => (s.status === "live" ? s : { status: "live", at: s.at }));
          } else setState((s) => ({ ...s, status: "offline" }));
        } catch {
          setState((s) => ({ ...s, status: "offline" }));
        }
      }
      if (!stopped) timer = setTimeout(tick, intervalMs);
    };
    timer = setTimeout(tick, intervalMs);
    const onVisible = () => {
      if (document.visibilityState === "visible") {
        clearTimeout(timer);
        void tick();
      }
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [versionUrl, intervalMs, router]);
  return (
    <p className="live-status" data-status={state.status}>
      <span className="live-dot" aria-hidden="true" />
      {state.status === "live" ? "Live" : "Reconnecting…"}
      {state.at ? (
        <>
          {" "}
          · updated <LocalTime at={state.at} />
        </>
      ) : (
        " · updates by itself"
      )}
    </p>
  );
}
