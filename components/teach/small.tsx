"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { LocalTime } from "@/components/ui/local-time";
import { useHydrated } from "@/components/ui/use-hydrated";

export function CopyButton({ text, label, copiedLabel = "Copied" }: { text: string; label: string; copiedLabel?: string }) {
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const absolute = text.startsWith("/") && typeof window !== "undefined" ? `${window.location.origin}${text}` : text;
  return (
    <button
      type="button"
      className="button button-small"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(absolute);
          setCopied(true);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => setCopied(false), 2000);
        } catch {
          window.prompt("Copy this:", absolute);
        }
      }}
    >
      <span aria-live="polite">{copied ? copiedLabel : label}</span>
    </button>
  );
}

/** The join link as the learner will see it (with this site's origin once known). */
export function JoinLink({ path }: { path: string }) {
  const hydrated = useHydrated();
  const href = hydrated ? `${window.location.origin}${path}` : path;
  return (
    <a href={path} className="join-link">
      {href}
    </a>
  );
}

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
