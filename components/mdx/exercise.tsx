import { Children, isValidElement, type ReactNode } from "react";
import { getCheckSupport } from "@/lib/content/exercise-support";
import { ExerciseClient } from "./exercise-client";

export interface HintProps {
  children: ReactNode;
}

/** One hint of an <Exercise>, from exercises/name/hints.md or written inline. The exercise shows them one at a time. */
export function Hint({ children }: HintProps) {
  return <>{children}</>;
}

export interface ExerciseProps {
  /** Set by the content compiler from `id="name"`: "chapter/lesson#name", the id attempts are stored under. */
  exerciseId: string;
  lessonId: string;
  /** The starter and the solution derived from exercises/name/solution.py's markers, and check.py, inlined by the
   *  content compiler (lib/content/exercise-source.ts). */
  starter: string;
  solution: string;
  check: string;
  title?: string;
  /** Failed checks before the learner may reveal the solution (default 3). */
  attempts?: number;
  /** Thread-scheduling seeds the check runs under; every one must pass. */
  seeds?: (number | null)[];
  /** Set by the content compiler for the component catalog: checks are not saved as attempts. */
  practice?: boolean;
  /** The task, in MDX, then the hints. */
  children?: ReactNode;
}

/**
 * A server component: it can tell the hints from the task among its MDX children (a client component receives them as
 * opaque references) and hands both, with the Python that runs checks, to the interactive part.
 */
export function Exercise({ children, ...props }: ExerciseProps) {
  const hints: ReactNode[] = [];
  const task: ReactNode[] = [];
  for (const child of Children.toArray(children)) {
    if (isValidElement(child) && child.type === Hint) hints.push(child);
    else task.push(child);
  }
  return <ExerciseClient {...props} task={task} hints={hints} support={getCheckSupport()} />;
}
