"use client";

import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { StepState, StepThread } from "@/lib/python/traces/step";

/** Colours of threads 0, 1, 2… (repeating); the same in the editor's line marks (components/editor/editor.css). */
export const THREAD_COLOURS = 6;

export interface StepPanelProps {
  /** The pause shown: the current one, or the last one once the run has ended. */
  state: StepState | null;
  /** The run waits at `state` for a pick (false: a pick is on its way, or the run has ended). */
  paused: boolean;
  /** The run ended; how, in a few words. */
  ended: string | null;
  /** The runner's own file: lines elsewhere (a module of the learner's, a check) are named with their file. */
  filename: string;
  /** The program's lines, to quote the line each thread is at. */
  source: readonly string[];
  canUndo: boolean;
  /** A link that replays to this step, once Share was pressed. */
  shareUrl: string | null;
  shareNote: string | null;
  onPick(label: number): void;
  onNextDecision(): void;
  onUndo(): void;
  onRunOn(): void;
  /** Absent when the runner has no id to link to. */
  onShare?: () => void;
  onClose(): void;
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [said, setSaid] = useState("");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid("Copied");
    } catch {
      setSaid("Select it to copy");
    }
    setTimeout(() => setSaid(""), 2000);
  };
  return (
    <>
      <button type="button" className="button button-small step-copy" onClick={() => void copy()} aria-label={label}>
        {said || "Copy"}
      </button>
      <span className="visually-hidden" aria-live="polite">
        {said}
      </span>
    </>
  );
}

/** Names and values as the runtime described them (never by running the learner's code). */
function Variables({ vars, label }: { vars: readonly (readonly [string, string])[]; label: string }) {
  return (
    <dl className="step-vars" aria-label={label}>
      {vars.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>= {value}</dd>
        </div>
      ))}
    </dl>
  );
}

function where(t: StepThread, filename: string, source: readonly string[]): string {
  if (t.line === undefined) return t.started ? "" : "not started";
  const inFile = t.file === undefined || t.file === filename;
  const text = inFile ? (source[t.line - 1] ?? "").trim() : "";
  const place = inFile ? `line ${t.line}` : `${t.file} line ${t.line}`;
  return text ? `${place}: ${text}` : place;
}

function describeState(t: StepThread): string {
  if (t.state === "blocked") return t.waiting ? `waiting for ${t.waiting}` : "blocked";
  if (t.state === "sleeping") return "sleeping";
  if (!t.started) return "ready, not started";
  return t.state;
}

function headline(state: StepState, ended: string | null, paused: boolean): string {
  if (ended) return `${ended} (after step ${state.step}).`;
  if (!paused) return `Step ${state.step}: running…`;
  const name = (label: number) => state.threads.find((t) => t.label === label)?.name ?? `thread ${label}`;
  if (!state.decision) return `Step ${state.step}: only ${name(state.options[0]!)} can run.`;
  if (state.current === null) return `Step ${state.step}: the running thread stopped; choose which thread goes on.`;
  return `Step ${state.step}: ${name(state.current)} is about to run its line. Let it, or switch to another thread.`;
}

/**
 * Step mode's controls: every thread with its colour, state, line and local variables, the shared globals, and a
 * button per thread that can run next. Keys (with focus in the panel): a thread's number runs it, N goes to the next
 * decision, U (or Backspace) undoes a step.
 */
export function StepPanel(props: StepPanelProps) {
  const { state, paused, ended, filename, source, canUndo, shareUrl, shareNote } = props;
  const panel = useRef<HTMLDivElement>(null);
  const shareField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (shareUrl) shareField.current?.select();
  }, [shareUrl]);

  // A pick's button may be gone at the next step (its thread cannot run there): keep the keyboard in the panel.
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body) panel.current?.focus();
  }, [state]);

  if (!state) {
    return (
      <div className="step-panel" role="region" aria-label="Step through the threads">
        <p className="step-headline" role="status">
          Starting step mode…
        </p>
      </div>
    );
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey || (e.target as HTMLElement).tagName === "INPUT") return;
    if (/^\d$/.test(e.key) && paused && state.options.includes(Number(e.key))) {
      e.preventDefault();
      props.onPick(Number(e.key));
    } else if ((e.key === "n" || e.key === "N") && paused) {
      e.preventDefault();
      props.onNextDecision();
    } else if ((e.key === "u" || e.key === "U" || e.key === "Backspace") && canUndo) {
      e.preventDefault();
      props.onUndo();
    }
  };

  return (
    <div ref={panel} className="step-panel" role="region" aria-label="Step through the threads" tabIndex={-1} onKeyDown={onKeyDown}>
      <div className="step-bar">
        <p className="step-headline" role="status" aria-live="polite">
          {headline(state, ended, paused)}
        </p>
        <div className="step-actions">
          <button type="button" className="button button-small" onClick={props.onUndo} aria-disabled={!canUndo} aria-keyshortcuts="U" title="Undo: replay from the start up to the previous step">
            ↶ Undo
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={props.onNextDecision}
            aria-disabled={!paused}
            aria-keyshortcuts="N"
            title="Follow the proposed thread until more than one thread can run"
          >
            Next choice
          </button>
          <button type="button" className="button button-small" onClick={props.onRunOn} aria-disabled={!paused} title="Stop pausing: the program runs to its end">
            Run to end
          </button>
          {props.onShare ? (
            <button type="button" className="button button-small" onClick={props.onShare} title="A link that replays this run to this step">
              Share
            </button>
          ) : null}
          <button type="button" className="button button-small" onClick={props.onClose} title="Leave step mode (stops the program)">
            Close
          </button>
        </div>
      </div>
      <ul className="step-threads" aria-label="Threads">
        {state.threads.map((t) => {
          const canRun = paused && state.options.includes(t.label);
          const proposed = canRun && state.proposal === t.label;
          return (
            <li key={t.label} className="step-thread" data-thread={t.label % THREAD_COLOURS} data-state={t.state}>
              <span className="step-chip" aria-hidden="true">
                {t.label}
              </span>
              <div className="step-thread-body">
                <div className="step-thread-head">
                  <strong>{t.name}</strong> <span className="step-thread-state">{describeState(t)}</span>
                </div>
                <div className="step-thread-line">{where(t, filename, source)}</div>
                {t.locals && t.locals.length > 0 ? <Variables vars={t.locals} label={`Local variables of ${t.name}`} /> : null}
              </div>
              {canRun ? (
                <button
                  type="button"
                  className={`button button-small${proposed ? " button-primary" : ""}`}
                  onClick={() => props.onPick(t.label)}
                  aria-keyshortcuts={t.label < 10 ? String(t.label) : undefined}
                  aria-label={`Run ${t.name} one line${proposed ? " (proposed)" : ""}`}
                >
                  Run {t.label < 10 ? <kbd>{t.label}</kbd> : null}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {state.globals.length > 0 ? (
        <div className="step-globals">
          <span className="step-vars-title" aria-hidden="true">
            Globals
          </span>
          <Variables vars={state.globals} label="Global variables" />
        </div>
      ) : null}
      <p className="step-schedule">
        Schedule so far: <code>{state.schedule || "(no switches yet)"}</code>{" "}
        {state.schedule ? <CopyButton text={state.schedule} label="Copy the schedule" /> : null} · {state.decisions} decision
        {state.decisions === 1 ? "" : "s"}
        {paused ? " · keys: a thread's number runs it, N next choice, U undo" : ""}
      </p>
      {shareUrl ? (
        <p className="step-share">
          <label>
            Link to this step{" "}
            <input ref={shareField} type="text" readOnly value={shareUrl} onFocus={(e) => e.currentTarget.select()} />
          </label>
          {shareNote ? <span role="status">{shareNote}</span> : null}
        </p>
      ) : null}
    </div>
  );
}
