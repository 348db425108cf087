"use client";

import { useEffect, useState, useSyncExternalStore } from "react";

/**
 * Registers the service worker (production builds only) and says, in the footer, once the course is stored for
 * offline use, and when the browser is offline.
 */
const REGISTER_DELAY_MS = 3000;

function subscribeOnline(onChange: () => void) {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

export function OfflineSupport() {
  const [ready, setReady] = useState(false);
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);

  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    const onMessage = (event: MessageEvent) => {
      if ((event.data as { type?: string } | null)?.type === "offline-ready") setReady(true);
    };
    navigator.serviceWorker.addEventListener("message", onMessage);
    // Registered a little after the page has loaded, so storing the course (tens of MB, mostly already in the HTTP
    // cache) does not compete with starting Python on a first visit.
    const register = () =>
      navigator.serviceWorker
        .register("/sw.js", { scope: "/" })
        .then(async (registration) => {
          await navigator.serviceWorker.ready;
          if (registration.active && navigator.serviceWorker.controller) setReady(true);
        })
        .catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => (timer = setTimeout(register, REGISTER_DELAY_MS));
    if (document.readyState === "complete") schedule();
    else window.addEventListener("load", schedule, { once: true });
    return () => {
      clearTimeout(timer);
      window.removeEventListener("load", schedule);
      navigator.serviceWorker.removeEventListener("message", onMessage);
    };
  }, []);

  if (!online) return <p className="offline-note" role="status">You are offline: lessons and Python still work; progress is saved when you are back.</p>;
  if (ready) return <p className="offline-note" data-offline-ready="true">This course now works offline too.</p>;
  return null;
}
