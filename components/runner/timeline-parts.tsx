"use client";

/** What the GIL timeline and the process timeline share: the lane geometry, the axis, zoom, colours. */
import { useEffect, useState, type ReactNode, type Ref, type RefObject } from "react";
import { THREAD_STATES, type ThreadState } from "@/lib/python/traces/threads";

/** The lane labels' column: narrower on a phone, so the lanes keep most of the width (issue 21, item 11). */
export const LABEL_WIDTH = 150;
export const NARROW_LABEL_WIDTH = 104;
export const NARROW_BOX = 520;
export const LANE_HEIGHT = 22;
export const LANE_GAP = 6;
export const AXIS_HEIGHT = 34;
export const BASE_WIDTH = 640;
export const RIGHT_MARGIN = 12;

/**
 * The width of the time axis at zoom 1: the whole run fits the box it is drawn in (a phone or a wide screen), so no
 * lane starts off-screen; zooming in makes it wider and the box scrolls. BASE_WIDTH until the box is measured.
 */
export function useAxisWidth(box: RefObject<HTMLDivElement | null>, wideLabel = LABEL_WIDTH): { width: number; label: number } {
  const [size, setSize] = useState({ width: BASE_WIDTH, label: wideLabel });
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const measure = () => {
      const label = el.clientWidth < NARROW_BOX ? NARROW_LABEL_WIDTH : wideLabel;
      setSize({ width: Math.max(160, Math.floor(el.clientWidth - label - RIGHT_MARGIN)), label });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [box, wideLabel]);
  return size;
}
export const ZOOMS = [1, 2, 4, 8, 16, 32] as const;

/** Characters of the 11 px monospace lane label that fit left of the lanes (about 6.6 px each, a margin kept). */
export const labelChars = (labelWidth: number) => Math.floor((labelWidth - 16) / 6.8);
export const clipName = (name: string, chars: number) => (name.length > chars ? `${name.slice(0, Math.max(1, chars - 1))}…` : name);

/** Okabe–Ito colours (told apart with the common colour-blindnesses), plus a hatch for "blocked". */
export const STATE_STYLE: Record<ThreadState, { label: string; fill: string }> = {
  running: { label: "holds the GIL", fill: "#0072B2" },
  ready: { label: "waits for the GIL", fill: "#E69F00" },
  blocked: { label: "blocked", fill: "url(#tt-hatch)" },
  sleeping: { label: "sleeping", fill: "#56B4E9" },
};

export function fmt(ms: number) {
  if (ms === 0) return "0";
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 1 : 2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(ms >= 1 ? 1 : 2)} ms`;
}

export type Zoom = (typeof ZOOMS)[number];

/** The − / + buttons of both timelines (the axis widens and the box scrolls). */
export function ZoomControls({ zoom, setZoom }: { zoom: Zoom; setZoom: (update: (z: Zoom) => Zoom) => void }) {
  const at = ZOOMS.indexOf(zoom);
  return (
    <span className="thread-timeline-zoom" role="group" aria-label="Zoom">
      <button type="button" onClick={() => setZoom((z) => ZOOMS[Math.max(0, ZOOMS.indexOf(z) - 1)]!)} disabled={at === 0} aria-label="Zoom out">
        −
      </button>
      <span aria-live="polite">{zoom}×</span>
      <button type="button" onClick={() => setZoom((z) => ZOOMS[Math.min(ZOOMS.length - 1, ZOOMS.indexOf(z) + 1)]!)} disabled={at === ZOOMS.length - 1} aria-label="Zoom in">
        +
      </button>
    </span>
  );
}


/** How many axis ticks to aim for: about one per 80 px, so a phone's axis labels do not run into each other. */
export const tickTarget = (zoom: number, width: number) => Math.max(2, Math.min(6 * zoom, Math.floor(width / 80)));

/** A lane label that fits `chars`: clipped at the start, so "SpawnPoolWorker-12" keeps the number that tells it apart. */
export const clipStart = (name: string, chars: number) => (name.length > chars ? `…${name.slice(name.length - Math.max(1, chars - 1))}` : name);

/** The hatching of blocked (waiting) segments, defined once per picture; fills refer to it as `url(#id)`. */
export function HatchPattern({ id = "tt-hatch" }: { id?: string }) {
  return (
    <defs>
      <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#8a8a8a" />
        <line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" strokeWidth="2" />
      </pattern>
    </defs>
  );
}

/** The times of the axis' ticks: every `step` ms from 0 to `duration` (400 at the most). */
export function tickTimes(duration: number, step: number): number[] {
  const ticks: number[] = [];
  for (let t = 0; t <= duration + 1e-9 && ticks.length < 400; t += step) ticks.push(t);
  return ticks;
}

/** A legend's colour square (the words beside it say what it stands for); `hatched` as blocked segments are drawn. */
export function Swatch({ fill, hatched = false }: { fill: string; hatched?: boolean }) {
  return (
    <svg width="14" height="14" aria-hidden="true">
      <rect width="14" height="14" fill={fill} />
      {hatched ? <path d="M0 14 L14 0 M-3 3 L3 -3 M11 17 L17 11" stroke="#fff" strokeWidth="2" /> : null}
    </svg>
  );
}

/** The legend's entries for the thread states, drawn as the lanes draw them (blocked hatched); `prefix` e.g. "thread ". */
export function ThreadStateLegend({ prefix = "" }: { prefix?: string }) {
  return THREAD_STATES.map((state) => (
    <li key={state}>
      <Swatch fill={state === "blocked" ? "#8a8a8a" : STATE_STYLE[state].fill} hatched={state === "blocked"} />
      {prefix}
      {STATE_STYLE[state].label}
    </li>
  ));
}

/** The time axis' ticks: a line down through the lanes and its label; the last label ends at its tick (not cut at `end`). */
export function AxisTicks({ ticks, x, end, height, format }: { ticks: readonly number[]; x: (t: number) => number; end: number; height: number; format: (t: number) => string }) {
  return ticks.map((t) => (
    <g key={t}>
      <line x1={x(t)} x2={x(t)} y1={AXIS_HEIGHT - 6} y2={height} />
      <text x={x(t)} y={AXIS_HEIGHT - 10} textAnchor={x(t) > end - 30 ? "end" : t === 0 ? "start" : "middle"}>
        {format(t)}
      </text>
    </g>
  ));
}

/**
 * The scrolling picture of a timeline: the hatching defined, the time axis (with `axis`, more marks on it), then
 * `children`, the lanes. `labelWidth` is the lanes' name column; the time runs over the `width` after it.
 */
export function TimelineCanvas({
  ref,
  labelWidth,
  width,
  height,
  label,
  captionId,
  ticks,
  x,
  format,
  axis,
  children,
}: {
  ref: Ref<HTMLDivElement>;
  labelWidth: number;
  width: number;
  height: number;
  label: string;
  captionId: string;
  ticks: readonly number[];
  x: (t: number) => number;
  format: (t: number) => string;
  axis?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="thread-timeline-scroll" ref={ref}>
      <svg width={labelWidth + width + RIGHT_MARGIN} height={height} role="group" aria-describedby={captionId} aria-label={label}>
        <HatchPattern />
        <g className="thread-timeline-axis" aria-hidden="true">
          <AxisTicks ticks={ticks} x={x} end={labelWidth + width} height={height} format={format} />
          {axis}
        </g>
        {children}
      </svg>
    </div>
  );
}
