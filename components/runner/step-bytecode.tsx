"use client";

import type { InterpreterModel } from "@/lib/python/schedule";
import type { StepThread } from "@/lib/python/traces/step";
import { TableHead } from "@/components/ui/table-head";

/**
 * A thread's current line as bytecode (dis): the instruction it runs next is marked, and each instruction says
 * whether the interpreter model lets another thread take the GIL there, and why.
 */
export function StepBytecode({ thread, model, open, onToggle }: { thread: StepThread; model: InterpreterModel; open: boolean; onToggle(open: boolean): void }) {
  const ops = thread.bytecode ?? [];
  if (ops.length === 0) return null;
  const switches = ops.filter((op) => op.switch).length;
  const summary =
    model === "free-threaded"
      ? `bytecode of line ${thread.line}: ${ops.length} instruction${ops.length === 1 ? "" : "s"}, a switch may fall before any of them`
      : `bytecode of line ${thread.line}: ${ops.length} instruction${ops.length === 1 ? "" : "s"}, ${switches === 0 ? "no switch point" : `${switches} switch point${switches === 1 ? "" : "s"}`}`;
  return (
    <details className="step-bytecode" open={open} onToggle={(e) => onToggle(e.currentTarget.open)}>
      <summary>{summary}</summary>
      <table>
        <caption className="visually-hidden">Instructions of line {thread.line}; the next one is marked</caption>
        <TableHead columns={[{ label: "Next", hidden: true }, "Offset", "Instruction", "Switch point?"]} />
        <tbody>
          {ops.map((op) => {
            const next = op.offset === thread.offset;
            return (
              <tr key={op.offset} data-next={next || undefined} data-switch={op.switch || undefined}>
                <td aria-label={next ? "runs next" : undefined}>{next ? "▶" : ""}</td>
                <td className="step-bytecode-offset">{op.offset}</td>
                <td>
                  <code>
                    {op.op}
                    {op.arg ? ` ${op.arg}` : ""}
                  </code>
                </td>
                <td className="step-bytecode-note">
                  <span className="step-bytecode-flag">{op.switch ? "yes" : "no"}</span> <span className="step-bytecode-why">{op.note}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
