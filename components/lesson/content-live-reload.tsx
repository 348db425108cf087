"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Re-renders the page when a file under content/ is saved (see app/api/dev/content-events): on lesson pages in
 * development, and `always` on the author's previews (the endpoint admits authors on a running server too).
 */
export function ContentLiveReload({ always = false }: { always?: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (process.env.NODE_ENV !== "development" && !always) return;
    const events = new EventSource("/api/dev/content-events");
    // Lets tools (and curious authors) see that live reload is connected.
    events.onopen = () => document.documentElement.setAttribute("data-live-reload", "connected");
    events.onmessage = () => router.refresh();
    return () => {
      events.close();
      document.documentElement.removeAttribute("data-live-reload");
    };
  }, [router, always]);
  return null;
}
