"use client";

import { useHydrated } from "./use-hydrated";

/**
 * The one way Interleave writes a date (issue 21, item 7): Intl in the reader's locale and time zone, a medium date
 * ("3 Dec 2026", "Dec 3, 2026") with or without the time of day.
 */
export type TimeStyle = "date" | "date-time";

const OPTIONS: Record<TimeStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: "medium" },
  "date-time": { dateStyle: "medium", timeStyle: "short" },
};

/** `at` as the reader reads dates (their locale and zone by default: pass both only to pin them, as tests do). */
export function formatLocalTime(at: number | string | Date, style: TimeStyle = "date-time", locale?: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { ...OPTIONS[style], ...(timeZone ? { timeZone } : {}) }).format(new Date(at));
}

/**
 * A date in the reader's locale and time zone. The server knows neither, so its HTML (and the first render in the
 * browser, which must match it) says the date in UTC, naming the zone; the browser then writes it the reader's way.
 */
export function LocalTime({ at, withTime = true, className }: { at: number | string | Date; withTime?: boolean; className?: string }) {
  const hydrated = useHydrated();
  const d = new Date(at);
  const style: TimeStyle = withTime ? "date-time" : "date";
  const text = hydrated ? formatLocalTime(d, style) : `${formatLocalTime(d, style, "en-GB", "UTC")}${withTime ? " UTC" : ""}`;
  return (
    <time dateTime={d.toISOString()} data-style={style} className={className}>
      {text}
    </time>
  );
}
