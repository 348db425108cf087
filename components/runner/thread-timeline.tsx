"use client";

import { useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import {
  describeLane,
  SWITCH_KIND_TEXT,
  tickStep,
  type SwitchKind,
  type ThreadLane,
  type ThreadsTrace,
} from "@/lib/python/traces/threads";
import { AXIS_HEIGHT, clipName, fmt, labelChars, LANE_GAP, LANE_HEIGHT, STATE_STYLE, tickTarget, useAxisWidth, ZoomControls, ThreadStateLegend, TimelineCanvas, tickTimes, type Zoom } from "./timeline-parts";

interface Selection {
  lane: number;
  segment: number | null;
}

/** Schedule and step mode run on a virtual clock that moves 0.1 µs per tick of the scheduler (_clock.py): each switch
 * point met, and in step mode each line. Called ticks, not steps: the step panel's "Step N" also counts the
 * instructions it could pause at, so the two numbers differ and must not share a name (issue 21, item 3). */
const MS_PER_TICK = 1e-4;

/** Virtual time of a schedule-mode run, in the scheduler's ticks. */
function fmtTicks(ms: number) {
  const ticks = Math.round(ms / MS_PER_TICK);
  return `${ticks} tick${ticks === 1 ? "" : "s"}`;
}

/** A run with more threads than this shows the first SHOWN_LANES until the learner asks for all: a thousand lanes
 * (and their words) would hold the page for a second to draw, and no one reads them at once. */
const FOLD_OVER = 30;
const SHOWN_LANES = 20;

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

function describeSegment(lane: ThreadLane, index: number, format: (ms: number) => string) {
  const s = lane.segments[index]!;
  const what = STATE_STYLE[s.state].label;
  return `${lane.name} ${what} from ${format(s.start)} to ${format(s.end)}${s.on ? ` — ${s.on}` : ""}.`;
}

/**
 * The GIL timeline of a run that used threads: one lane per thread over time, showing when it held the GIL, waited
 * for it, was blocked (and on what) or slept. Point at or tap a segment, or focus a lane and use ←/→, to read an event;
 * the table below says the same in words.
 */
export function ThreadTimeline({ trace }: { trace: ThreadsTrace }) {
  const [zoom, setZoom] = useState<Zoom>(1);
  const [selected, setSelected] = useState<Selection | null>(null);
  const [showAll, setShowAll] = useState(false);
  const captionId = useId();
  const folded = !showAll && trace.threads.length > FOLD_OVER;
  const lanes = folded ? trace.threads.slice(0, SHOWN_LANES) : trace.threads;
  const scheduled = trace.mode === "schedule";
  const format = scheduled ? fmtTicks : fmt;
  const duration = Math.max(trace.durationMs, scheduled ? MS_PER_TICK : 1e-3);
  const scrollBox = useRef<HTMLDivElement>(null);
  const axis = useAxisWidth(scrollBox);
  const LABEL_WIDTH = axis.label;
  const LABEL_CHARS = labelChars(LABEL_WIDTH);
  const width = axis.width * zoom;
  const x = (ms: number) => LABEL_WIDTH + (ms / duration) * width;
  const height = AXIS_HEIGHT + lanes.length * (LANE_HEIGHT + LANE_GAP);
  const step = scheduled ? Math.max(tickStep(duration, tickTarget(zoom, width)), MS_PER_TICK) : tickStep(duration, tickTarget(zoom, width));
  const ticks = useMemo(() => tickTimes(duration, step), [duration, step]);
  const interval = Math.min(trace.switchIntervalMs, duration);
  const kinds = (Object.keys(trace.switchKinds) as SwitchKind[]).filter((k) => (trace.switchKinds[k] ?? 0) > 0);
  const laneOf = new Map(lanes.map((lane, i) => [lane.id, i]));

  const caption = (() => {
    if (!selected) return "Point at or tap a segment, or focus a lane and use the arrow keys, to see what its thread was doing.";
    const lane = lanes[selected.lane];
    if (!lane) return "";
    return selected.segment === null ? describeLane(lane, duration) : describeSegment(lane, selected.segment, format);
  })();

  /** A tap (or click) on a lane picks the segment under it, or the nearest: thin segments are hard to hit by touch. */
  const onLanePointer = (event: PointerEvent<SVGGElement>, laneIndex: number) => {
    const svg = event.currentTarget.ownerSVGElement;
    const lane = lanes[laneIndex];
    if (!svg || !lane?.segments.length) return;
    const at = ((event.clientX - svg.getBoundingClientRect().left - LABEL_WIDTH) / width) * duration;
    let best = 0;
    let bestDistance = Infinity;
    lane.segments.forEach((segment, i) => {
      const distance = at < segment.start ? segment.start - at : at > segment.end ? at - segment.end : 0;
      if (distance < bestDistance) [best, bestDistance] = [i, distance];
    });
    setSelected({ lane: laneIndex, segment: best });
  };

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
          {trace.model === "free-threaded" ? "free-threaded 3.14t" : "CPython 3.14 (GIL)"} · {trace.threads.length.toLocaleString()} thread{trace.threads.length === 1 ? "" : "s"} · {format(trace.durationMs)} ·{" "}
          {plural(trace.switches, "switch")} ({trace.preemptions} preemption{trace.preemptions === 1 ? "" : "s"}) ·{" "}
          {trace.mode === "deterministic"
            ? `deterministic, seed ${trace.seed}`
            : trace.mode === "schedule"
              ? `schedule ${trace.schedule || "(none)"}, virtual time in ticks`
              : `switch interval ${fmt(trace.switchIntervalMs)}`}
          {trace.truncated ? " · truncated" : ""}
        </span>
        <ZoomControls zoom={zoom} setZoom={setZoom} />
      </figcaption>
      <ul className="thread-timeline-legend" aria-label="Legend">
        <ThreadStateLegend />
        {kinds.map((kind) => (
          <li key={kind}>
            <LegendMark kind={kind} />
            preempted at {SWITCH_KIND_TEXT[kind]} ({trace.switchKinds[kind]})
          </li>
        ))}
      </ul>
      <TimelineCanvas
        ref={scrollBox}
        labelWidth={LABEL_WIDTH}
        width={width}
        height={height}
        label="Threads over time"
        captionId={captionId}
        ticks={ticks}
        x={x}
        format={format}
        axis={
          scheduled ? null : (
            <>
              <rect className="thread-timeline-interval" x={LABEL_WIDTH} y={2} width={Math.max(2, (interval / duration) * width)} height={6} />
              <text x={LABEL_WIDTH + Math.max(2, (interval / duration) * width) + 4} y={9} className="thread-timeline-interval-label">
                switch interval
              </text>
            </>
          )
        }
      >
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
                onPointerDown={(event) => onLanePointer(event, laneIndex)}
              >
                <text x={LABEL_WIDTH - 8} y={y + LANE_HEIGHT / 2 + 4} textAnchor="end" className="thread-timeline-name">
                  <title>{lane.name}</title>
                  {clipName(lane.name, LABEL_CHARS)}
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
      </TimelineCanvas>
      {trace.threads.length > FOLD_OVER && (
        <p className="thread-timeline-fold">
          {folded ? `The first ${SHOWN_LANES} of ${trace.threads.length.toLocaleString()} threads. ` : ""}
          <button type="button" onClick={() => setShowAll((all) => !all)} aria-expanded={!folded}>
            {folded ? `Show all ${trace.threads.length.toLocaleString()} threads` : `Show the first ${SHOWN_LANES} threads only`}
          </button>
        </p>
      )}
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
