"use client";

import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import {
  describeLane,
  describeProcess,
  SWITCH_KIND_TEXT,
  tickStep,
  THREAD_STATES,
  type ProcessesTimeline,
  type SwitchKind,
  type ThreadLane,
  type ThreadState,
  type ThreadsTrace,
} from "@/lib/python/traces/threads";

const LABEL_WIDTH = 150;
const LANE_HEIGHT = 22;
const LANE_GAP = 6;
const AXIS_HEIGHT = 34;
const BASE_WIDTH = 640;
const RIGHT_MARGIN = 12;

/**
 * The width of the time axis at zoom 1: the whole run fits the box it is drawn in (a phone or a wide screen), so no
 * lane starts off-screen; zooming in makes it wider and the box scrolls. BASE_WIDTH until the box is measured.
 */
function useAxisWidth(box: RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(BASE_WIDTH);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const measure = () => setWidth(Math.max(160, Math.floor(el.clientWidth - LABEL_WIDTH - RIGHT_MARGIN)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [box]);
  return width;
}
const ZOOMS = [1, 2, 4, 8, 16, 32] as const;

/** Okabe–Ito colours (told apart with the common colour-blindnesses), plus a hatch for "blocked". */
const STATE_STYLE: Record<ThreadState, { label: string; fill: string }> = {
  running: { label: "holds the GIL", fill: "#0072B2" },
  ready: { label: "waits for the GIL", fill: "#E69F00" },
  blocked: { label: "blocked", fill: "url(#tt-hatch)" },
  sleeping: { label: "sleeping", fill: "#56B4E9" },
};

interface Selection {
  lane: number;
  segment: number | null;
}

function fmt(ms: number) {
  if (ms === 0) return "0";
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 1 : 2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(ms >= 1 ? 1 : 2)} ms`;
}

/** Schedule and step mode run on a virtual clock that moves 0.1 µs per step of the scheduler (_clock.py): each switch
 * point met, and in step mode each line. */
const MS_PER_LINE = 1e-4;

/** Virtual time of a schedule-mode run, in the scheduler's steps. */
function fmtLines(ms: number) {
  const steps = Math.round(ms / MS_PER_LINE);
  return `${steps} step${steps === 1 ? "" : "s"}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "es".slice(word.endsWith("h") ? 0 : 1)}`;

/** One mark per kind of switch point where a thread lost the GIL (shape and colour, so colour is not the only cue). */
const SWITCH_STYLE: Record<SwitchKind, { fill: string; shape: "down" | "up" | "diamond" | "bar" }> = {
  loop: { fill: "#D55E00", shape: "down" },
  call: { fill: "#CC79A7", shape: "up" },
  entry: { fill: "#009E73", shape: "diamond" },
  resume: { fill: "#009E73", shape: "diamond" },
  bytecode: { fill: "#000000", shape: "bar" },
  blocked: { fill: "#666666", shape: "bar" },
  unknown: { fill: "#666666", shape: "bar" },
};

function SwitchMark({ kind, cx, y }: { kind: SwitchKind; cx: number; y: number }) {
  const { fill, shape } = SWITCH_STYLE[kind];
  const h = 6;
  if (shape === "down") return <path d={`M${cx - 4} ${y - h} L${cx + 4} ${y - h} L${cx} ${y} Z`} fill={fill} />;
  if (shape === "up") return <path d={`M${cx - 4} ${y} L${cx + 4} ${y} L${cx} ${y - h} Z`} fill={fill} />;
  if (shape === "diamond") return <path d={`M${cx} ${y - h} L${cx + 3.5} ${y - h / 2} L${cx} ${y} L${cx - 3.5} ${y - h / 2} Z`} fill={fill} />;
  return <rect x={cx - 1} y={y - h} width={2} height={h} fill={fill} />;
}

function LegendMark({ kind }: { kind: SwitchKind }) {
  return (
    <svg width="14" height="14" aria-hidden="true">
      <SwitchMark kind={kind} cx={7} y={11} />
    </svg>
  );
}

type Zoom = (typeof ZOOMS)[number];

/** The − / + buttons of both timelines (the axis widens and the box scrolls). */
function ZoomControls({ zoom, setZoom }: { zoom: Zoom; setZoom: (update: (z: Zoom) => Zoom) => void }) {
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

function describeSegment(lane: ThreadLane, index: number, format: (ms: number) => string) {
  const s = lane.segments[index]!;
  const what = STATE_STYLE[s.state].label;
  return `${lane.name} ${what} from ${format(s.start)} to ${format(s.end)}${s.on ? ` — ${s.on}` : ""}.`;
}

/**
 * The GIL timeline of a run that used threads: one lane per thread over time, showing when it held the GIL, waited
 * for it, was blocked (and on what) or slept. Hover a segment, or focus a lane and use ←/→, to read an event;
 * the table below says the same in words.
 */
export function ThreadTimeline({ trace }: { trace: ThreadsTrace }) {
  const [zoom, setZoom] = useState<Zoom>(1);
  const [selected, setSelected] = useState<Selection | null>(null);
  const captionId = useId();
  const lanes = trace.threads;
  const scheduled = trace.mode === "schedule";
  const format = scheduled ? fmtLines : fmt;
  const duration = Math.max(trace.durationMs, scheduled ? MS_PER_LINE : 1e-3);
  const scrollBox = useRef<HTMLDivElement>(null);
  const width = useAxisWidth(scrollBox) * zoom;
  const x = (ms: number) => LABEL_WIDTH + (ms / duration) * width;
  const height = AXIS_HEIGHT + lanes.length * (LANE_HEIGHT + LANE_GAP);
  const step = scheduled ? Math.max(tickStep(duration, 6 * zoom), MS_PER_LINE) : tickStep(duration, 6 * zoom);
  const ticks = useMemo(() => {
    const out: number[] = [];
    for (let t = 0; t <= duration + 1e-9 && out.length < 400; t += step) out.push(t);
    return out;
  }, [duration, step]);
  const interval = Math.min(trace.switchIntervalMs, duration);
  const kinds = (Object.keys(trace.switchKinds) as SwitchKind[]).filter((k) => (trace.switchKinds[k] ?? 0) > 0);
  const laneOf = new Map(lanes.map((lane, i) => [lane.id, i]));

  const caption = (() => {
    if (!selected) return "Point at or tap a segment, or focus a lane and use the arrow keys, to see what its thread was doing.";
    const lane = lanes[selected.lane];
    if (!lane) return "";
    return selected.segment === null ? describeLane(lane, duration) : describeSegment(lane, selected.segment, format);
  })();

  const onLaneKey = (event: KeyboardEvent<SVGGElement>, laneIndex: number) => {
    const lane = lanes[laneIndex]!;
    const count = lane.segments.length;
    if (!count) return;
    const current = selected?.lane === laneIndex ? selected.segment : null;
    let next: number | null = null;
    if (event.key === "ArrowRight") next = current === null ? 0 : Math.min(count - 1, current + 1);
    else if (event.key === "ArrowLeft") next = current === null ? count - 1 : Math.max(0, current - 1);
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = count - 1;
    else return;
    event.preventDefault();
    setSelected({ lane: laneIndex, segment: next });
  };

  return (
    <figure className="thread-timeline">
      <figcaption className="thread-timeline-head">
        <strong>GIL timeline</strong>
        <span>
          {trace.model === "free-threaded" ? "free-threaded 3.14t" : "CPython 3.14 (GIL)"} · {lanes.length} thread{lanes.length === 1 ? "" : "s"} · {format(trace.durationMs)} ·{" "}
          {plural(trace.switches, "switch")} ({trace.preemptions} preemption{trace.preemptions === 1 ? "" : "s"}) ·{" "}
          {trace.mode === "deterministic"
            ? `deterministic, seed ${trace.seed}`
            : trace.mode === "schedule"
              ? `schedule ${trace.schedule || "(none)"}, virtual time in steps`
              : `switch interval ${fmt(trace.switchIntervalMs)}`}
          {trace.truncated ? " · truncated" : ""}
        </span>
        <ZoomControls zoom={zoom} setZoom={setZoom} />
      </figcaption>
      <ul className="thread-timeline-legend" aria-label="Legend">
        {THREAD_STATES.map((state) => (
          <li key={state}>
            <svg width="14" height="14" aria-hidden="true">
              <rect width="14" height="14" fill={state === "blocked" ? "#8a8a8a" : STATE_STYLE[state].fill} />
              {state === "blocked" ? <path d="M0 14 L14 0 M-3 3 L3 -3 M11 17 L17 11" stroke="#fff" strokeWidth="2" /> : null}
            </svg>
            {STATE_STYLE[state].label}
          </li>
        ))}
        {kinds.map((kind) => (
          <li key={kind}>
            <LegendMark kind={kind} />
            preempted at {SWITCH_KIND_TEXT[kind]} ({trace.switchKinds[kind]})
          </li>
        ))}
      </ul>
      <div className="thread-timeline-scroll" ref={scrollBox}>
        <svg width={LABEL_WIDTH + width + RIGHT_MARGIN} height={height} role="group" aria-describedby={captionId} aria-label="Threads over time">
          <defs>
            <pattern id="tt-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill="#8a8a8a" />
              <line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" strokeWidth="2" />
            </pattern>
          </defs>
          <g className="thread-timeline-axis" aria-hidden="true">
            {ticks.map((t) => (
              <g key={t}>
                <line x1={x(t)} x2={x(t)} y1={AXIS_HEIGHT - 6} y2={height} />
                {/* The last label would be cut at the right edge: it ends at its tick instead. */}
                <text x={x(t)} y={AXIS_HEIGHT - 10} textAnchor={x(t) > LABEL_WIDTH + width - 30 ? "end" : t === 0 ? "start" : "middle"}>
                  {format(t)}
                </text>
              </g>
            ))}
            {scheduled ? null : (
              <>
                <rect className="thread-timeline-interval" x={LABEL_WIDTH} y={2} width={Math.max(2, (interval / duration) * width)} height={6} />
                <text x={LABEL_WIDTH + Math.max(2, (interval / duration) * width) + 4} y={9} className="thread-timeline-interval-label">
                  switch interval
                </text>
              </>
            )}
          </g>
          {lanes.map((lane, laneIndex) => {
            const y = AXIS_HEIGHT + laneIndex * (LANE_HEIGHT + LANE_GAP);
            const laneSelected = selected?.lane === laneIndex;
            return (
              <g
                key={lane.id}
                className="thread-timeline-lane"
                tabIndex={0}
                role="img"
                aria-label={describeLane(lane, duration)}
                onFocus={() => setSelected((s) => (s?.lane === laneIndex ? s : { lane: laneIndex, segment: null }))}
                onKeyDown={(event) => onLaneKey(event, laneIndex)}
              >
                <text x={LABEL_WIDTH - 8} y={y + LANE_HEIGHT / 2 + 4} textAnchor="end" className="thread-timeline-name">
                  {lane.name.length > 22 ? `${lane.name.slice(0, 21)}…` : lane.name}
                </text>
                <rect x={LABEL_WIDTH} y={y} width={width} height={LANE_HEIGHT} className="thread-timeline-track" />
                {lane.segments.map((segment, i) => (
                  <rect
                    key={i}
                    x={x(segment.start)}
                    y={y + 2}
                    width={Math.max(0.75, x(segment.end) - x(segment.start))}
                    height={LANE_HEIGHT - 4}
                    fill={STATE_STYLE[segment.state].fill}
                    className={laneSelected && selected?.segment === i ? "is-selected" : undefined}
                    onMouseEnter={() => setSelected({ lane: laneIndex, segment: i })}
                  />
                ))}
              </g>
            );
          })}
          <g className="thread-timeline-switches" aria-hidden="true">
            {trace.switchPoints.map((p, i) => {
              const laneIndex = laneOf.get(p.thread);
              if (laneIndex === undefined) return null;
              const y = AXIS_HEIGHT + laneIndex * (LANE_HEIGHT + LANE_GAP);
              return (
                <g key={i}>
                  <title>{`${lanes[laneIndex]!.name} preempted at ${SWITCH_KIND_TEXT[p.kind]}${p.line ? `, line ${p.line}` : ""} (${format(p.at)})`}</title>
                  <SwitchMark kind={p.kind} cx={x(p.at)} y={y + 1} />
                </g>
              );
            })}
          </g>
        </svg>
      </div>
      <p id={captionId} className="thread-timeline-caption" aria-live="polite">
        {caption}
      </p>
      <details className="thread-timeline-summary">
        <summary>Summary in words</summary>
        <ul>
          {lanes.map((lane) => (
            <li key={lane.id}>{describeLane(lane, duration)}</li>
          ))}
        </ul>
      </details>
    </figure>
  );
}

const PROCESS_RUNNING = "#009E73";

/**
 * The processes of a multiprocessing run: one lane per process on one time axis (green while the process runs on
 * a core, grey while it is alive but waiting), and under each process with more than one thread, its threads'
 * GIL lanes. Two processes green at the same moment ran in parallel; two threads of one process never hold its
 * GIL at once.
 */
export function ProcessTimeline({ timeline }: { timeline: ProcessesTimeline }) {
  const [zoom, setZoom] = useState<Zoom>(1);
  const [caption, setCaption] = useState<string | null>(null);
  const captionId = useId();
  const duration = Math.max(timeline.durationMs, 1e-3);
  const scrollBox = useRef<HTMLDivElement>(null);
  const width = useAxisWidth(scrollBox) * zoom;
  const x = (ms: number) => LABEL_WIDTH + (Math.max(0, ms) / duration) * width;
  type Row = { kind: "process"; p: ProcessesTimeline["processes"][number] } | { kind: "thread"; lane: ThreadLane; pid: number };
  const rows: Row[] = timeline.processes.flatMap((p) => [
    { kind: "process" as const, p },
    ...(p.threads.length > 1 ? p.threads.map((lane) => ({ kind: "thread" as const, lane, pid: p.pid })) : []),
  ]);
  const height = AXIS_HEIGHT + rows.length * (LANE_HEIGHT + LANE_GAP);
  const step = tickStep(duration, 6 * zoom);
  const ticks: number[] = [];
  for (let t = 0; t <= duration + 1e-9 && ticks.length < 400; t += step) ticks.push(t);

  return (
    <figure className="thread-timeline process-timeline" data-testid="process-timeline" data-processes={timeline.processes.length} data-overlap-ms={Math.round(timeline.overlapMs)}>
      <figcaption className="thread-timeline-head">
        <strong>Process timeline</strong>
        <span>
          {timeline.processes.length} processes · {fmt(timeline.durationMs)} · {fmt(timeline.overlapMs)} with two or more running at once
        </span>
        <ZoomControls zoom={zoom} setZoom={setZoom} />
      </figcaption>
      <ul className="thread-timeline-legend" aria-label="Legend">
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <rect width="14" height="14" fill={PROCESS_RUNNING} />
          </svg>
          process running on a core
        </li>
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <rect width="14" height="14" fill="#c8c8c8" />
          </svg>
          process alive, waiting
        </li>
        {THREAD_STATES.map((state) => (
          <li key={state}>
            <svg width="14" height="14" aria-hidden="true">
              <rect width="14" height="14" fill={state === "blocked" ? "#8a8a8a" : STATE_STYLE[state].fill} />
            </svg>
            thread {STATE_STYLE[state].label}
          </li>
        ))}
      </ul>
      <div className="thread-timeline-scroll" ref={scrollBox}>
        <svg width={LABEL_WIDTH + width + RIGHT_MARGIN} height={height} role="group" aria-describedby={captionId} aria-label="Processes over time">
          <defs>
            <pattern id="tt-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill="#8a8a8a" />
              <line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" strokeWidth="2" />
            </pattern>
          </defs>
          <g className="thread-timeline-axis" aria-hidden="true">
            {ticks.map((t) => (
              <g key={t}>
                <line x1={x(t)} x2={x(t)} y1={AXIS_HEIGHT - 6} y2={height} />
                <text x={x(t)} y={AXIS_HEIGHT - 10} textAnchor="middle">
                  {fmt(t)}
                </text>
              </g>
            ))}
          </g>
          {rows.map((row, i) => {
            const y = AXIS_HEIGHT + i * (LANE_HEIGHT + LANE_GAP);
            if (row.kind === "process") {
              const { p } = row;
              const label = `${p.name} · ${p.pid}`;
              return (
                <g key={`p${p.pid}`} className="process-timeline-lane" data-pid={p.pid} tabIndex={0} role="img" aria-label={describeProcess(p)} onFocus={() => setCaption(describeProcess(p))} onMouseEnter={() => setCaption(describeProcess(p))}>
                  <text x={LABEL_WIDTH - 8} y={y + LANE_HEIGHT / 2 + 4} textAnchor="end" className="thread-timeline-name">
                    <tspan fontWeight="bold">{label.length > 22 ? `${label.slice(0, 21)}…` : label}</tspan>
                  </text>
                  <rect x={LABEL_WIDTH} y={y} width={width} height={LANE_HEIGHT} className="thread-timeline-track" />
                  <rect x={x(p.startMs)} y={y + 2} width={Math.max(0.75, x(p.endMs) - x(p.startMs))} height={LANE_HEIGHT - 4} fill="#c8c8c8" />
                  {p.running.map((s, k) => (
                    <rect key={k} x={x(s.start)} y={y + 2} width={Math.max(0.75, x(s.end) - x(s.start))} height={LANE_HEIGHT - 4} fill={PROCESS_RUNNING} />
                  ))}
                </g>
              );
            }
            const { lane } = row;
            return (
              <g key={`t${row.pid}-${lane.id}`} className="thread-timeline-lane" tabIndex={0} role="img" aria-label={describeLane(lane, duration)} onFocus={() => setCaption(describeLane(lane, duration))} onMouseEnter={() => setCaption(describeLane(lane, duration))}>
                <text x={LABEL_WIDTH - 8} y={y + LANE_HEIGHT / 2 + 4} textAnchor="end" className="thread-timeline-name">
                  {`↳ ${lane.name.length > 19 ? `${lane.name.slice(0, 18)}…` : lane.name}`}
                </text>
                <rect x={LABEL_WIDTH} y={y} width={width} height={LANE_HEIGHT} className="thread-timeline-track" />
                {lane.segments.map((segment, k) => (
                  <rect key={k} x={x(segment.start)} y={y + 4} width={Math.max(0.75, x(segment.end) - x(segment.start))} height={LANE_HEIGHT - 8} fill={STATE_STYLE[segment.state].fill} />
                ))}
              </g>
            );
          })}
        </svg>
      </div>
      <p id={captionId} className="thread-timeline-caption" aria-live="polite">
        {caption ?? "Hover or focus a lane to read what its process or thread did. Green lanes at the same moment: processes running in parallel."}
      </p>
      <details className="thread-timeline-summary">
        <summary>Summary in words</summary>
        <ul>
          {timeline.processes.map((p) => (
            <li key={p.pid}>{describeProcess(p)}</li>
          ))}
        </ul>
      </details>
    </figure>
  );
}
