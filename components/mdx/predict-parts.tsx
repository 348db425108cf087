import type { ReactNode } from "react";

/**
 * The parts the predict-style exercises share (Predict the output, Which outputs are possible?, Find the blocking
 * call): the kicker that names the exercise and titles its section, the program shown as text, and the form whose
 * submit checks the answer.
 */
export function PredictKicker({ id, kind, title }: { id: string; kind: string; title?: string }) {
  return (
    <p className="exercise-kicker" id={`${id}-title`}>
      {kind}
      {title ? <span className="predict-title">: {title}</span> : null}
    </p>
  );
}

export function PredictCode({ code, filename }: { code: string; filename: string }) {
  return (
    <pre className="predict-code code-panel" tabIndex={0} aria-label={`The program ${filename}`}>
      <code>{code}</code>
    </pre>
  );
}

export function CheckForm({ onCheck, className, children }: { onCheck: () => void | Promise<void>; className?: string; children: ReactNode }) {
  return (
    <form
      className={className}
      onSubmit={(e) => {
        e.preventDefault();
        void onCheck();
      }}
    >
      {children}
    </form>
  );
}
