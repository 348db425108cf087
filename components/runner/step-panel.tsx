"use client";

import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import type { StepUnit } from "@/lib/python/protocol";
import type { StepSnapshot } from "@/lib/python/client/session";
import type { StepState, StepThread } from "@/lib/python/traces/step";
import { SWITCH_KIND_TEXT, type SwitchKind } from "@/lib/python/traces/threads";
import { StepBytecode } from "./step-bytecode";
import { MODEL_LABELS } from "./thread-controls";

/** Colours of threads 0, 1, 2… (repeating); the same in the editor's line marks (components/editor/editor.css). */
export const THREAD_COLOURS = 6;

export interface StepPanelProps {
  /** The pause shown: the current one, or the last one once the run has ended. */
  state: StepState | null;
  step: StepSnapshot;
  /** The runner's own file: lines elsewhere (a module of the learner's, a check) are named with their file. */
  filename: string;
  /** The program's lines, to quote the line each thread is at. */
  source: readonly string[];
  /** A link that replays to this step, once Share was pressed. */
  shareUrl: string | null;
  shareNote: string | null;
  onPick(label: number): void;
  onUnit(unit: StepUnit): void;
  onNextDecision(): void;
  onUndo(): void;
  onRunOn(): void;
  /** Absent when the runner has no id to link to. */
  onShare?: () => void;
  onClose(): void;
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

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function headline(state: StepState, ended: string | null, paused: boolean): string {
  // The cards still show the last pause, so say so: the run went on after it (issue 21, item 3).
  if (ended) return `${ended}. The threads below are as they were at step ${state.step}, the last pause.`;
  if (!paused) return "Running…";
  const name = (label: number) => state.threads.find((t) => t.label === label)?.name ?? `thread ${label}`;
  if (state.current === null) return "The running thread stopped (blocked, asleep or done): choose which thread goes on.";
  const who = name(state.current);
  if (state.kind === "line") return state.decision ? `${who} is about to start a line.` : `${who} is about to start a line; no other thread can run now.`;
  if (state.kind === "instruction") return `${who} is about to run its next bytecode.`;
  const at = SWITCH_KIND_TEXT[state.kind as SwitchKind] ?? "a switch point";
  return state.decision ? `${who} is at a switch point (${at}): let it go on, or hand the GIL to another thread.` : `${who} is at a switch point (${at}); no other thread can run now.`;
}

/**
 * Step mode's controls: every thread with its colour, state, line (and that line's bytecode), local variables, the
 * shared globals, and a button per thread that may run next. Keys (with focus in the panel): a thread's number runs
 * it, N goes to the next choice, U (or Backspace) undoes a step, B switches between stepping by line and by bytecode.
 */
export function StepPanel(props: StepPanelProps) {
  const { state, step, filename, source, shareUrl, shareNote } = props;
  const { paused, ended, unit, model } = step;
  const canUndo = paused ? step.pauses.length >= 2 : ended !== null && step.pauses.length >= 1;
  const panel = useRef<HTMLDivElement>(null);
  const shareField = useRef<HTMLInputElement>(null);
  const [openBytecode, setOpenBytecode] = useState<Record<number, boolean>>({});

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

  // Threads that could run if this were a switch point: ready ones. Under the GIL model most pauses are not.
  const refused = paused && state.current !== null && !state.switchPoint ? state.threads.filter((t) => t.label !== state.current && t.state === "ready") : [];

  const toggleUnit = () => props.onUnit(unit === "line" ? "instruction" : "line");
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey || (e.target as HTMLElement).tagName === "INPUT") return;
    // A refused thread's key is answered as CPython would: the running thread goes on (the card says why).
    if (/^\d$/.test(e.key) && paused && (state.options.includes(Number(e.key)) || refused.some((t) => t.label === Number(e.key)))) {
      e.preventDefault();
      props.onPick(Number(e.key));
    } else if ((e.key === "n" || e.key === "N") && paused) {
      e.preventDefault();
      props.onNextDecision();
    } else if ((e.key === "u" || e.key === "U" || e.key === "Backspace") && canUndo) {
      e.preventDefault();
      props.onUndo();
    } else if (e.key === "b" || e.key === "B") {
      e.preventDefault();
      toggleUnit();
    }
  };

  return (
    <div ref={panel} className="step-panel" role="region" aria-label="Step through the threads" tabIndex={-1} onKeyDown={onKeyDown} data-step={state.step}>
      <div className="step-bar">
        <p className="step-headline" role="status" aria-live="polite">
          {headline(state, ended, paused)}
        </p>
        <div className="step-actions">
          <div className="step-unit" role="group" aria-label="Step by">
            <button type="button" className="button button-small" aria-pressed={unit === "line"} onClick={() => props.onUnit("line")} title="Pause at each line, and wherever another thread may take over (B)">
              Lines
            </button>
            <button type="button" className="button button-small" aria-pressed={unit === "instruction"} onClick={() => props.onUnit("instruction")} title="Pause before every bytecode instruction (B)">
              Bytecode
            </button>
          </div>
          <button type="button" className="button button-small" onClick={props.onUndo} aria-disabled={!canUndo} aria-keyshortcuts="U" title="Undo: replay from the start up to the previous step">
            ↶ Undo
          </button>
          <button type="button" className="button button-small" onClick={props.onNextDecision} aria-disabled={!paused} aria-keyshortcuts="N" title="Follow the proposed thread until more than one thread can run">
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
      <p className="step-why">
        <span className="step-model">{MODEL_LABELS[model]}:</span> {state.why}
      </p>
      <ul className="step-threads" aria-label="Threads">
        {state.threads.map((t) => {
          const canRun = paused && state.options.includes(t.label);
          const proposed = canRun && state.proposal === t.label;
          const blockedHere = refused.includes(t);
          const isCurrent = t.label === state.current;
          const open = openBytecode[t.label] ?? (unit === "instruction" && isCurrent);
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
                <StepBytecode thread={t} model={model} open={open} onToggle={(o) => setOpenBytecode((m) => ({ ...m, [t.label]: o }))} />
                {t.locals && t.locals.length > 0 ? <Variables vars={t.locals} label={`Local variables of ${t.name}`} /> : null}
              </div>
              {canRun ? (
                <button
                  type="button"
                  className={`button button-small${proposed ? " button-primary" : ""}`}
                  onClick={() => props.onPick(t.label)}
                  aria-keyshortcuts={t.label < 10 ? String(t.label) : undefined}
                  aria-label={`Run ${t.name} one ${unit === "line" ? "step" : "bytecode"}${proposed ? " (proposed)" : ""}`}
                >
                  Run {t.label < 10 ? <kbd>{t.label}</kbd> : null}
                </button>
              ) : blockedHere ? (
                <span className="step-refused" role="note">
                  Cannot take over here: not a switch point
                </span>
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
        {ended ? `At step ${state.step}, the schedule was` : `Step ${state.step} · schedule so far:`} <code>{state.schedule}</code> <CopyButton text={state.schedule} accessibleLabel="Copy the schedule" className="step-copy" copiedMessage="Schedule copied to the clipboard" />
        {/* The schedule is trimmed after the last choice that differs from the default (_schedule.py): say so, or an
            empty-looking schedule beside "11 decisions" reads as a contradiction (issue 21, item 3). */}
        {state.schedule.endsWith(":") && state.decisions > 0 ? " (every decision so far was the default one)" : ""} · {plural(state.decisions, "decision")}{ended ? " by then" : ""},{" "}
        {state.preemptions === 0 ? (ended ? "no preemption" : "no preemption yet") : plural(state.preemptions, "preemption")}
        {paused ? " · keys: a thread's number runs it, N next choice, U undo, B lines/bytecode" : ""}
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
