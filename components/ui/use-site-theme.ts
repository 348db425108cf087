"use client";

import { useSyncExternalStore } from "react";

export type SiteTheme = "light" | "dark";

/** The theme in effect now: the learner's choice (data-theme on <html>) or else the system's. */
export function currentTheme(): SiteTheme {
  const chosen = document.documentElement.getAttribute("data-theme");
  if (chosen === "dark" || chosen === "light") return chosen;
  return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/** Changes when the learner toggles the theme (data-theme on <html>) or, with no choice made, the system's theme does. */
function subscribe(onChange: () => void) {
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  media.addEventListener("change", onChange);
  return () => {
    observer.disconnect();
    media.removeEventListener("change", onChange);
  };
}

/** The site's effective theme; "light" during server rendering (the editor itself is client-only). */
export function useSiteTheme(): SiteTheme {
  return useSyncExternalStore(subscribe, currentTheme, () => "light");
}

/** The same, but null until hydrated: for what the server's HTML must not guess (the theme toggle's icon). */
export function useHydratedSiteTheme(): SiteTheme | null {
  return useSyncExternalStore<SiteTheme | null>(subscribe, currentTheme, () => null);
}
