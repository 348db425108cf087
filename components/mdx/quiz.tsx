"use client";

import { createContext, useContext, useId, useState, type ReactNode } from "react";

interface Selection {
  id: string;
  correct: boolean;
}

interface QuizState {
  name: string;
  selected: Selection | null;
  checked: boolean;
  select(selection: Selection): void;
}

const QuizContext = createContext<QuizState | null>(null);

export interface ChoiceProps {
  correct?: boolean;
  explanation?: string;
  children: ReactNode;
}

/**
 * One answer of a <Quiz>. Choices talk to their Quiz through context rather than being inspected as children:
 * children that cross the server/client boundary arrive as opaque references.
 */
export function Choice({ correct = false, explanation, children }: ChoiceProps) {
  const quiz = useContext(QuizContext);
  const id = useId();
  if (!quiz) throw new Error("<Choice> must be placed inside a <Quiz>");
  const isSelected = quiz.selected?.id === id;
  const result = quiz.checked && isSelected ? (correct ? "correct" : "wrong") : undefined;
  return (
    <label className="quiz-choice" data-result={result}>
      <input type="radio" name={quiz.name} value={id} checked={isSelected} onChange={() => quiz.select({ id, correct })} />
      <span>
        {children}
        {result && explanation ? <span className="quiz-explanation">{explanation}</span> : null}
      </span>
    </label>
  );
}

export interface QuizProps {
  question: string;
  children: ReactNode;
}

/** Multiple choice with an explanation per answer. A native radio group, so arrows, Tab and Space work as expected. */
export function Quiz({ question, children }: QuizProps) {
  const id = useId();
  const [selected, setSelected] = useState<Selection | null>(null);
  const [checked, setChecked] = useState(false);
  const state: QuizState = {
    name: `${id}-choice`,
    selected,
    checked,
    select(selection) {
      setSelected(selection);
      setChecked(false);
    },
  };

  return (
    <section className="card quiz" aria-labelledby={`${id}-q`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (selected) setChecked(true);
        }}
      >
        <fieldset>
          <legend id={`${id}-q`}>
            <span className="quiz-label">Quiz</span>
            {question}
          </legend>
          <QuizContext.Provider value={state}>{children}</QuizContext.Provider>
        </fieldset>
        <div className="quiz-actions">
          <button type="submit" className="button button-small" disabled={!selected}>
            Check answer
          </button>
          <span className="quiz-feedback" role="status" aria-live="polite" data-correct={checked && selected ? String(selected.correct) : undefined}>
            {checked && selected ? (selected.correct ? "Correct!" : "Not quite. Read the explanation, then try another answer.") : ""}
          </span>
        </div>
      </form>
    </section>
  );
}
