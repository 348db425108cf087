"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** In development, re-renders the lesson when a file under content/ is saved (see app/api/dev/content-events). */
export function ContentLiveReload() {
  const router = useRouter();
  useEffect(() => {
    if (process.env.NODE_ENV !== "development") return;
    const events = new EventSource("/api/dev/content-events");
    // Lets tools (and curious authors) see that live reload is connected.
    events.onopen = () => document.documentElement.setAttribute("data-live-reload", "connected");
    events.onmessage = () => router.refresh();
    return () => {
      events.close();
      document.documentElement.removeAttribute("data-live-reload");
    };
  }, [router]);
  return null;
}
