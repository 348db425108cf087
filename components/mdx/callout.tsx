import type { ReactNode } from "react";

const LABELS = { note: "Note", warning: "Warning", tip: "Tip" } as const;
const ICONS = { note: "ℹ", warning: "⚠", tip: "✦" } as const;

export interface CalloutProps {
  type?: keyof typeof LABELS;
  title?: string;
  children: ReactNode;
}

/** A highlighted aside. The type is said in words too, not by colour alone. */
export function Callout({ type = "note", title, children }: CalloutProps) {
  const kind = type in LABELS ? type : "note";
  return (
    <aside className={`callout callout-${kind}`} aria-label={title ? `${LABELS[kind]}: ${title}` : LABELS[kind]}>
      <p className="callout-title">
        <span aria-hidden="true">{ICONS[kind]}</span>
        <span>{title ?? LABELS[kind]}</span>
      </p>
      <div className="callout-body">{children}</div>
    </aside>
  );
}
