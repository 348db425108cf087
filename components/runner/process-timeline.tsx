"use client";

import { useId, useRef, useState } from "react";
import { describeLane, describeProcess, tickStep, type ProcessesTimeline, type ThreadLane } from "@/lib/python/traces/threads";
import { AXIS_HEIGHT, clipName, clipStart, fmt, labelChars, LANE_GAP, LANE_HEIGHT, STATE_STYLE, tickTarget, useAxisWidth, ZoomControls, Swatch, ThreadStateLegend, TimelineCanvas, tickTimes, type Zoom } from "./timeline-parts";

const PROCESS_RUNNING = "#009E73";
/** The outline of a process ended by a signal: it left no record of when it ran or waited. */
const UNRECORDED = "#8a8a8a";

function UnrecordedSwatch() {
  return (
    <svg width="14" height="14" aria-hidden="true">
      <rect x="1" y="1" width="12" height="12" fill="none" stroke={UNRECORDED} strokeWidth="1.5" strokeDasharray="3 2" />
    </svg>
  );
}

/** Wide enough for "SpawnPoolWorker-12 · 1234" (a process's name and pid) at 11 px monospace. */
const PROCESS_LABEL_WIDTH = 190;

/**
 * Threads the standard library starts for itself in a multiprocessing run (a Pool's three handler threads, a
 * Queue's feeder): the learner did not ask for them, so they are hidden unless asked for (issue 21, item 1).
 */
export function isLibraryHelperThread(lane: ThreadLane): boolean {
  return lane.daemon && (/\((_handle_workers|_handle_tasks|_handle_results|_feed)\)$/.test(lane.name) || lane.name === "QueueFeederThread");
}

/**
 * The processes of a multiprocessing run: one lane per process on one time axis (green while the process runs on
 * a core, grey while it is alive but waiting), and under each process with more than one thread, its threads'
 * GIL lanes. Two processes green at the same moment ran in parallel; two threads of one process never hold its
 * GIL at once.
 */
export function ProcessTimeline({ timeline }: { timeline: ProcessesTimeline }) {
  const [zoom, setZoom] = useState<Zoom>(1);
  const [caption, setCaption] = useState<string | null>(null);
  const [showHelpers, setShowHelpers] = useState(false);
  const captionId = useId();
  const duration = Math.max(timeline.durationMs, 1e-3);
  const scrollBox = useRef<HTMLDivElement>(null);
  const axis = useAxisWidth(scrollBox, PROCESS_LABEL_WIDTH);
  const LABEL_WIDTH = axis.label;
  const LABEL_CHARS = labelChars(LABEL_WIDTH);
  const width = axis.width * zoom;
  const x = (ms: number) => LABEL_WIDTH + (Math.max(0, ms) / duration) * width;
  type Row = { kind: "process"; p: ProcessesTimeline["processes"][number] } | { kind: "thread"; lane: ThreadLane; pid: number };
  const helpers = timeline.processes.reduce((n, p) => n + p.threads.filter(isLibraryHelperThread).length, 0);
  const rows: Row[] = timeline.processes.flatMap((p) => {
    const threads = showHelpers ? p.threads : p.threads.filter((lane) => !isLibraryHelperThread(lane));
    return [{ kind: "process" as const, p }, ...(threads.length > 1 ? threads.map((lane) => ({ kind: "thread" as const, lane, pid: p.pid })) : [])];
  });
  const height = AXIS_HEIGHT + rows.length * (LANE_HEIGHT + LANE_GAP);
  const step = tickStep(duration, tickTarget(zoom, width));
  const ticks = tickTimes(duration, step);

  return (
    <figure className="thread-timeline process-timeline" data-testid="process-timeline" data-processes={timeline.processes.length} data-overlap-ms={Math.round(timeline.overlapMs)}>
      <figcaption className="thread-timeline-head">
        <strong>Process timeline</strong>
        <span>
          {timeline.processes.length} processes · {fmt(timeline.durationMs)} · {fmt(timeline.overlapMs)} with two or more running at once
        </span>
        <ZoomControls zoom={zoom} setZoom={setZoom} />
      </figcaption>
      {helpers > 0 ? (
        <label className="process-timeline-helpers">
          <input type="checkbox" checked={showHelpers} onChange={(e) => setShowHelpers(e.currentTarget.checked)} /> Show the {helpers} helper thread{helpers === 1 ? "" : "s"} multiprocessing started itself
        </label>
      ) : null}
      <ul className="thread-timeline-legend" aria-label="Legend">
        <li>
          <Swatch fill={PROCESS_RUNNING} />
          process running on a core
        </li>
        <li>
          <Swatch fill="#c8c8c8" />
          process alive, waiting
        </li>
        {timeline.processes.some((p) => p.signal) ? (
          <li>
            <UnrecordedSwatch />
            process ended by a signal (not recorded)
          </li>
        ) : null}
        <ThreadStateLegend prefix="thread " />
      </ul>
      <TimelineCanvas ref={scrollBox} labelWidth={LABEL_WIDTH} width={width} height={height} label="Processes over time" captionId={captionId} ticks={ticks} x={x} format={fmt}>
          {rows.map((row, i) => {
            const y = AXIS_HEIGHT + i * (LANE_HEIGHT + LANE_GAP);
            if (row.kind === "process") {
              const { p } = row;
              // The pid when name and pid fit; on a phone's narrow column the name alone, its end kept.
              const pid = p.name.length + ` · ${p.pid}`.length <= LABEL_CHARS ? ` · ${p.pid}` : "";
              return (
                <g key={`p${p.pid}`} className="process-timeline-lane" data-pid={p.pid} tabIndex={0} role="img" aria-label={describeProcess(p)} onFocus={() => setCaption(describeProcess(p))} onPointerEnter={() => setCaption(describeProcess(p))} onPointerDown={() => setCaption(describeProcess(p))}>
                  <text x={LABEL_WIDTH - 8} y={y + LANE_HEIGHT / 2 + 4} textAnchor="end" className="thread-timeline-name">
                    <title>{`${p.name} (pid ${p.pid})`}</title>
                    <tspan fontWeight="bold">{clipStart(p.name, LABEL_CHARS - pid.length)}</tspan>
                    {pid}
                  </text>
                  <rect x={LABEL_WIDTH} y={y} width={width} height={LANE_HEIGHT} className="thread-timeline-track" />
                  {p.signal ? (
                    <rect x={x(p.startMs) + 0.75} y={y + 2.75} width={Math.max(0.75, x(p.endMs) - x(p.startMs) - 1.5)} height={LANE_HEIGHT - 5.5} fill="none" stroke={UNRECORDED} strokeWidth="1.5" strokeDasharray="4 3" data-signal={p.signal} />
                  ) : (
                    <>
                      <rect x={x(p.startMs)} y={y + 2} width={Math.max(0.75, x(p.endMs) - x(p.startMs))} height={LANE_HEIGHT - 4} fill="#c8c8c8" />
                      {p.running.map((s, k) => (
                        <rect key={k} x={x(s.start)} y={y + 2} width={Math.max(0.75, x(s.end) - x(s.start))} height={LANE_HEIGHT - 4} fill={PROCESS_RUNNING} />
                      ))}
                    </>
                  )}
                </g>
              );
            }
            const { lane } = row;
            return (
              <g key={`t${row.pid}-${lane.id}`} className="thread-timeline-lane" tabIndex={0} role="img" aria-label={describeLane(lane, duration)} onFocus={() => setCaption(describeLane(lane, duration))} onPointerEnter={() => setCaption(describeLane(lane, duration))} onPointerDown={() => setCaption(describeLane(lane, duration))}>
                <text x={LABEL_WIDTH - 8} y={y + LANE_HEIGHT / 2 + 4} textAnchor="end" className="thread-timeline-name">
                  <title>{lane.name}</title>
                  {`↳ ${clipName(lane.name, LABEL_CHARS - 2)}`}
                </text>
                <rect x={LABEL_WIDTH} y={y} width={width} height={LANE_HEIGHT} className="thread-timeline-track" />
                {lane.segments.map((segment, k) => (
                  <rect key={k} x={x(segment.start)} y={y + 4} width={Math.max(0.75, x(segment.end) - x(segment.start))} height={LANE_HEIGHT - 8} fill={STATE_STYLE[segment.state].fill} />
                ))}
              </g>
            );
          })}
      </TimelineCanvas>
      <p id={captionId} className="thread-timeline-caption" aria-live="polite">
        {caption ?? "Point at, tap or focus a lane to read what its process or thread did. Green lanes at the same moment: processes running in parallel."}
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
