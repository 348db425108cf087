import type { ReactNode } from "react";

export interface OnYourComputerProps {
  /** What differs, e.g. "Start methods"; the box is always announced as "On your computer". */
  title?: string;
  children: ReactNode;
}

/**
 * Where the browser runtime differs from CPython on the learner's own machine (a sleep standing in for a download,
 * spawn as the only start method, no free-threaded build, one core for threads): what they would see there instead.
 */
export function OnYourComputer({ title, children }: OnYourComputerProps) {
  const heading = title ? `On your computer: ${title}` : "On your computer";
  return (
    <aside className="callout callout-computer" aria-label={heading}>
      <p className="callout-title">
        <span aria-hidden="true">⌨</span>
        <span>{heading}</span>
      </p>
      <div className="callout-body">{children}</div>
    </aside>
  );
}
