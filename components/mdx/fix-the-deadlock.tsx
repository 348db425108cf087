import { Exercise, type ExerciseProps } from "./exercise";
import { DeadlockReport } from "./deadlock-report";

/**
 * "Fix this program from its deadlock report": an <Exercise> whose starter deadlocks. Its report (the runtime's
 * account of who waits for which lock and who holds it) comes first; the learner fixes the code and Check runs the
 * author's check as for any exercise. content:check requires that the starter, run as a program, ends in a deadlock.
 */
export function FixTheDeadlock({ children, title, ...props }: ExerciseProps) {
  return (
    <Exercise {...props} title={title ?? "Fix the deadlock"}>
      <DeadlockReport code={props.starter} filename="exercise.py" />
      {children}
    </Exercise>
  );
}
