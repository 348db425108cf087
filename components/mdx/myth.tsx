"use client";

import { useId, useState, type ReactNode } from "react";
import "./exercise.css";
import "./steps.css";

export interface MythProps {
  /** The statement the learner judges: a slip often read in guides, or (with `fact`) a true one among them. */
  claim: string;
  /** The claim is true (default: it is a myth). */
  fact?: boolean;
  /** Why, shown once the learner has answered: the correction, with its evidence (a runner may sit here). */
  children: ReactNode;
}

/**
 * "Myth or fact?": a statement from the folklore of Python concurrency, judged by the learner before the lesson
 * explains it. Two buttons (Tab and Enter or Space), the answer said in words and the explanation revealed after.
 */
export function Myth({ claim, fact = false, children }: MythProps) {
  const id = useId();
  const [answer, setAnswer] = useState<"myth" | "fact" | null>(null);
  const truth = fact ? "fact" : "myth";
  const right = answer === truth;
  return (
    <section className="myth" aria-labelledby={`${id}-claim`}>
      <p className="exercise-kicker">Myth or fact?</p>
      <blockquote className="myth-claim" id={`${id}-claim`}>
        {claim}
      </blockquote>
      <div className="predict-actions" role="group" aria-label="Your answer">
        {(["myth", "fact"] as const).map((choice) => (
          <button
            key={choice}
            type="button"
            className={`button button-small${answer === choice ? " button-primary" : ""}`}
            aria-pressed={answer === choice}
            onClick={() => setAnswer(choice)}
          >
            {choice === "myth" ? "A myth" : "A fact"}
          </button>
        ))}
        <span role="status" aria-live="polite" className="predict-verdict" data-match={answer ? String(right) : undefined}>
          {answer === null ? "" : right ? `Right: it is ${fact ? "true" : "a myth"}.` : `Not so: it is ${fact ? "true" : "a myth"}. Read why.`}
        </span>
      </div>
      {answer !== null ? <div className="myth-explanation">{children}</div> : null}
    </section>
  );
}
