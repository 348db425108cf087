"use client";

import { useSyncExternalStore } from "react";

export type SiteTheme = "light" | "dark";

function currentTheme(): SiteTheme {
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
