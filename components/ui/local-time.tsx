"use client";

import { useSyncExternalStore } from "react";

const subscribeNever = () => () => {};

/** True after hydration: server and first client render agree, then the client re-renders with local values. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}

/** A date in the reader's time zone (UTC in the server's HTML until hydration). */
export function LocalTime({ at, withTime = true }: { at: number | string; withTime?: boolean }) {
  const hydrated = useHydrated();
  const d = new Date(at);
  const options: Intl.DateTimeFormatOptions = withTime
    ? { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", ...(hydrated ? {} : { timeZone: "UTC", timeZoneName: "short" }) }
    : { day: "numeric", month: "short", year: "numeric", ...(hydrated ? {} : { timeZone: "UTC" }) };
  return <time dateTime={d.toISOString()}>{d.toLocaleString("en-GB", options)}</time>;
}
