"use client";

import { useHydrated } from "@/components/ui/use-hydrated";

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
