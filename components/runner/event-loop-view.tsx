"use client";

import { useEffect, useId, useMemo, useState, type KeyboardEvent } from "react";
import { describeStep, taskStates, taskTree, type AsyncioTrace, type TaskView } from "@/lib/python/traces/asyncio";
import { HatchPattern, Swatch } from "./timeline-parts";

const NAME_WIDTH = 120;
const ROW_HEIGHT = 20;
const ROW_GAP = 4;
const HEAD_HEIGHT = 18;
const MAX_ROWS = 40;
const PLAY_MS = 700;

/** Okabe–Ito colours, as in the GIL timeline; "waiting" is hatched so it does not rely on colour alone. */
const STATE_STYLE: Record<TaskView["state"], { label: string; fill: string } | null> = {
  running: { label: "running", fill: "#0072B2" },
  ready: { label: "ready (in the queue)", fill: "#E69F00" },
  waiting: { label: "waiting", fill: "url(#elv-hatch)" },
  new: null,
  gone: null,
};

function fmt(ms: number) {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

function plural(n: number, word: string) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * The event loop of a run that used asyncio: one lane per task over the loop's iterations (running, ready in the
 * queue, waiting — and on what), and for the chosen iteration its ready queue in order, what each task did and
 * the line it stopped at, the pending timers, and the task tree. Step one iteration at a time with the buttons,
 * the slider or ←/→ on the picture; the sentence under it says the same in words.
 */
export function EventLoopView({ trace, onStepLines }: { trace: AsyncioTrace; onStepLines?: (lines: readonly number[]) => void }) {
  const steps = trace.steps;
  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(false);
  // The editor's lines are marked only once the learner steps: a fresh picture leaves the code as it was.
  const [stepping, setStepping] = useState(false);
  const captionId = useId();
  const states = useMemo(() => taskStates(trace), [trace]);
  const tree = useMemo(() => taskTree(trace), [trace]);
  const last = Math.max(0, steps.length - 1);
  const current = Math.min(index, last);
  const step = steps[current];
  const name = (tid: number) => (tid === 0 ? "callback" : (trace.tasks[tid - 1]?.name ?? `task ${tid}`));
  const shown = trace.tasks.slice(0, MAX_ROWS);
  const colWidth = Math.max(6, Math.min(28, Math.floor(560 / Math.max(1, steps.length))));
  const width = NAME_WIDTH + steps.length * colWidth + 8;
  const height = HEAD_HEIGHT + shown.length * (ROW_HEIGHT + ROW_GAP);

  const isPlaying = playing && current < last;

  useEffect(() => {
    if (!isPlaying) return;
    const timer = setTimeout(() => setIndex((i) => Math.min(last, i + 1)), PLAY_MS);
    return () => clearTimeout(timer);
  }, [isPlaying, current, last]);

  const stepLineKey = step ? [...new Set(step.ran.flatMap((r) => (r.task !== 0 && r.line ? [r.line] : [])))].join(",") : "";
  // Tell the runner which lines of its editor to mark: where the tasks of this iteration stopped.
  useEffect(() => {
    if (!onStepLines || !stepping) return;
    onStepLines(stepLineKey ? stepLineKey.split(",").map(Number) : []);
  }, [onStepLines, stepLineKey, stepping]);
  useEffect(() => () => onStepLines?.([]), [onStepLines]);

  if (!step) return null;

  const go = (i: number) => {
    setStepping(true);
    setPlaying(false);
    setIndex(Math.max(0, Math.min(last, i)));
  };
  const onKey = (event: KeyboardEvent<HTMLElement>) => {
    const moves: Record<string, number> = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: last };
    if (!(event.key in moves)) return;
    event.preventDefault();
    go(moves[event.key]!);
  };
  const line = (n: number | null) => {
    if (!n) return null;
    const text = trace.source?.[String(n)];
    return (
      <span className="elv-line">
        line {n}
        {text ? <code>{text}</code> : null}
      </span>
    );
  };
  const view = (tid: number) => states[current]?.[tid - 1];

  return (
    <figure className="event-loop-view" data-testid="event-loop-view">
      <figcaption className="elv-head">
        <strong>Event loop</strong>
        <span>
          {plural(trace.tasks.length, "task")} · {plural(steps.length, "iteration")} · {fmt(trace.durationMs)}
          {trace.loops > 1 ? ` · ${trace.loops} loops` : ""}
          {trace.truncated ? " · truncated (the picture stops early; the program did not)" : ""}
        </span>
      </figcaption>

      <div className="elv-controls" role="group" aria-label="Step through the loop">
        <button type="button" onClick={() => go(current - 1)} disabled={current === 0} aria-label="Previous iteration">
          ‹
        </button>
        <button type="button" onClick={() => (current >= last ? go(0) : (setStepping(true), setPlaying(!isPlaying)))} aria-label={isPlaying ? "Pause" : "Play, one iteration at a time"}>
          {isPlaying ? "❚❚" : "▶︎"}
        </button>
        <button type="button" onClick={() => go(current + 1)} disabled={current === last} aria-label="Next iteration">
          ›
        </button>
        <input
          type="range"
          min={0}
          max={last}
          value={current}
          onChange={(e) => go(Number(e.target.value))}
          aria-label="Iteration"
          aria-valuetext={`Iteration ${current + 1} of ${steps.length}`}
        />
        <span className="elv-counter" data-testid="elv-counter">
          Iteration {current + 1} / {steps.length} · {fmt(step.t)}
        </span>
      </div>

      <ul className="elv-legend" aria-label="Legend">
        {(["running", "ready", "waiting"] as const).map((state) => (
          <li key={state}>
            <Swatch fill={state === "waiting" ? "#8a8a8a" : STATE_STYLE[state]!.fill} hatched={state === "waiting"} />
            {STATE_STYLE[state]!.label}
          </li>
        ))}
      </ul>

      <div className="elv-scroll" tabIndex={0} onKeyDown={onKey} aria-describedby={captionId} aria-label="Tasks over the loop's iterations; use the arrow keys to step">
        <svg width={width} height={height} aria-hidden="true">
          <HatchPattern id="elv-hatch" />
          <rect className="elv-cursor" x={NAME_WIDTH + current * colWidth} y={0} width={colWidth} height={height} />
          {shown.map((task, row) => {
            const y = HEAD_HEIGHT + row * (ROW_HEIGHT + ROW_GAP);
            return (
              <g key={task.id} data-testid="elv-lane">
                <text x={NAME_WIDTH - 6} y={y + ROW_HEIGHT / 2 + 4} textAnchor="end" className="elv-name">
                  {task.name.length > 16 ? `${task.name.slice(0, 15)}…` : task.name}
                </text>
                {steps.map((_, i) => {
                  const style = STATE_STYLE[states[i]?.[task.id - 1]?.state ?? "new"];
                  if (!style) return null;
                  return (
                    <rect key={i} x={NAME_WIDTH + i * colWidth + 0.5} y={y} width={colWidth - 1} height={ROW_HEIGHT} fill={style.fill} onClick={() => go(i)} />
                  );
                })}
              </g>
            );
          })}
        </svg>
      </div>
      {trace.tasks.length > MAX_ROWS ? <p className="elv-note">Showing the first {MAX_ROWS} of {trace.tasks.length} tasks.</p> : null}

      <p id={captionId} className="elv-caption" aria-live="polite" data-testid="elv-caption">
        {describeStep(trace, current)}
      </p>

      <div className="elv-panels">
        <section aria-label="Ready queue">
          <h4>Ready queue</h4>
          <ol className="elv-queue">
            {step.ready.map((tid, i) => (
              <li key={i} className={tid === 0 ? "is-callback" : undefined}>
                {name(tid)}
              </li>
            ))}
            {step.readyTotal > step.ready.length ? <li>… {step.readyTotal - step.ready.length} more</li> : null}
          </ol>
        </section>
        <section aria-label="What ran">
          <h4>This iteration ran</h4>
          <ul className="elv-ran">
            {step.ran.map((r, i) => (
              <li key={i}>
                <strong>{r.task === 0 ? r.label : name(r.task)}</strong>{" "}
                {r.task === 0 ? "(callback)" : r.state === "done" ? "finished" : r.state === "ready" ? "yielded, ready again" : `now waits on ${r.on?.label ?? "?"}`}{" "}
                {line(r.line)}
              </li>
            ))}
          </ul>
        </section>
        <section aria-label="Pending timers">
          <h4>Timers ({step.timersTotal})</h4>
          {step.timers.length ? (
            <ul className="elv-timers">
              {step.timers.map((t, i) => (
                <li key={i}>
                  at {fmt(t.at)}: {t.label}
                  {t.task ? ` (${name(t.task)})` : ""}
                </li>
              ))}
            </ul>
          ) : (
            <p>none</p>
          )}
        </section>
        <section aria-label="Task tree">
          <h4>Tasks</h4>
          <ul className="elv-tree">
            {tree.map(({ task, depth }) => {
              const v = view(task.id);
              const state = v?.state ?? "new";
              return (
                <li key={task.id} style={{ paddingInlineStart: `${depth * 1.1}rem` }}>
                  {depth > 0 ? "└ " : ""}
                  <strong>{task.name}</strong> <code>{task.coro ?? "?"}()</code> —{" "}
                  {state === "new" ? (task.created === current ? "created in this iteration" : "not created yet") : state === "gone" ? `done (${task.outcome ?? "?"})` : state}
                  {state === "waiting" && v?.on ? ` on ${v.on.label}` : ""}
                  {v?.line && state !== "new" ? `, line ${v.line}` : ""}
                </li>
              );
            })}
          </ul>
        </section>
      </div>

      <details className="elv-summary">
        <summary>Summary in words</summary>
        <ul>
          {tree.map(({ task }) => (
            <li key={task.id}>
              {task.name} runs {task.coro ?? "?"}(), created {task.parent ? `by ${name(task.parent)}` : "outside any task"} in iteration {task.created + 1}
              {task.done !== null ? `, ended in iteration ${task.done + 1} (${task.outcome})` : ", never finished"}
              {task.error ? `: ${task.error}` : ""}.
            </li>
          ))}
        </ul>
      </details>
    </figure>
  );
}
