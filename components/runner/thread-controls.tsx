"use client";

import { useId } from "react";
import type { InterpreterModel } from "@/lib/python/schedule";

const MAX_SEED = 2 ** 31 - 1;

export const MODEL_LABELS: Record<InterpreterModel, string> = {
  gil: "CPython 3.14 (GIL)",
  "free-threaded": "Free-threaded 3.14t",
};

export interface ThreadControlsProps {
  seed: number | null;
  onSeed(seed: number | null): void;
  model: InterpreterModel;
  onModel(model: InterpreterModel): void;
  /** The lesson fixed the model (`<CodeRunner model>`): shown, not changeable. */
  modelPinned: boolean;
}

/**
 * Under a runner whose program uses threads: which interpreter the threads run on (where they may switch), and
 * whether they take turns on a seeded, repeatable schedule.
 */
export function ThreadControls({ seed, onSeed, model, onModel, modelPinned }: ThreadControlsProps) {
  const noteId = useId();
  const note =
    seed !== null
      ? null
      : model === "gil"
        ? "Threads switch where CPython does (entering a function, a loop going round, a built-in call returning) once another has waited 5 ms: the interleaving can change from run to run."
        : "No GIL: a switch may fall between any two bytecodes. Simulated on one core (threads take turns in 1 ms slices), so CPU-bound threads do not run faster here as they would on 3.14t.";
  return (
    <div className="runner-schedule">
      <label title={modelPinned ? "This lesson runs the example on this interpreter" : "Where threads may switch"}>
        Interpreter{" "}
        <select value={model} onChange={(e) => onModel(e.target.value as InterpreterModel)} disabled={modelPinned} aria-describedby={note ? noteId : undefined}>
          {(Object.keys(MODEL_LABELS) as InterpreterModel[]).map((m) => (
            <option key={m} value={m}>
              {MODEL_LABELS[m]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={seed !== null} onChange={(e) => onSeed(e.target.checked ? 1 : null)} /> Same schedule every run
      </label>
      {seed !== null ? (
        <>
          <label>
            seed{" "}
            <input
              type="number"
              min={0}
              max={MAX_SEED}
              value={seed}
              onChange={(e) => {
                const n = Number(e.target.value);
                if (Number.isInteger(n) && n >= 0 && n <= MAX_SEED) onSeed(n);
              }}
            />
          </label>
          <button type="button" className="button button-small" onClick={() => onSeed(Math.floor(Math.random() * 100_000))}>
            Another seed
          </button>
        </>
      ) : (
        <span className="runner-schedule-note" id={noteId}>
          {note}
        </span>
      )}
    </div>
  );
}
