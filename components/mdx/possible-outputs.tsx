import { Children, isValidElement, type ReactNode } from "react";
import { getStepDriver } from "@/lib/content/step-support";
import type { InterpreterModel } from "@/lib/python/schedule";
import { PossibleOutputsClient } from "./possible-outputs-client";

export interface OutcomeProps {
  /** The output this option stands for, exactly as printed (a template literal keeps its lines). */
  output: string;
  /** The author's answer, held to the schedule search by content:check; the page shows what the search finds. */
  possible?: boolean;
  /** Why, shown after the check. */
  children?: ReactNode;
}

/** One option of a <PossibleOutputs>. Rendered by its parent, which reads its props. */
export function Outcome({ children }: OutcomeProps) {
  return <>{children}</>;
}

export interface PossibleOutputsProps {
  /** The program, inlined from `file="x.py"` by the content compiler. */
  code: string;
  filename?: string;
  title?: string;
  /** Where threads may switch: CPython 3.14 with the GIL (default) or free-threaded 3.14t. */
  model?: InterpreterModel;
  /** Preemptions per schedule the search goes up to (default 3). */
  bound?: number;
  /** <Outcome> options, then anything else: an explanation shown after the check. */
  children?: ReactNode;
}

/**
 * "Which of these outputs are possible?": the learner ticks the outputs they think some schedule can produce, and
 * Check runs the schedule search over the program in their own worker (every schedule within the bound) and says,
 * for each option, which schedule prints it or that none does. A server component, so it can read its options'
 * props (a client component would receive them as opaque references).
 */
export function PossibleOutputs({ code, filename = "main.py", title, model = "gil", bound, children }: PossibleOutputsProps) {
  const options: { output: string; explanation: ReactNode }[] = [];
  const rest: ReactNode[] = [];
  for (const child of Children.toArray(children)) {
    if (isValidElement<OutcomeProps>(child) && child.type === Outcome) options.push({ output: child.props.output, explanation: child.props.children ?? null });
    else rest.push(child);
  }
  return (
    <PossibleOutputsClient
      code={code}
      filename={filename}
      title={title}
      model={model}
      bound={bound}
      options={options}
      explanation={rest.length ? rest : null}
      driver={getStepDriver("possible_outputs.py")}
    />
  );
}
