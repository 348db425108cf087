"use client";

import { useId, type ReactNode } from "react";

/** The props a form control needs to be labelled, described and marked invalid by its field. */
export interface ControlProps {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

/**
 * A labelled form field with its hint and error (announced through aria-describedby). An input by default, a textarea
 * with `multiline`, or any control from `children` given the ids to use.
 */
export function Field({
  name,
  label,
  error,
  hint,
  defaultValue,
  type = "text",
  required,
  multiline,
  rows = 3,
  autoComplete,
  inputProps,
  children,
}: {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  defaultValue?: string | number;
  type?: string;
  required?: boolean;
  multiline?: boolean;
  rows?: number;
  autoComplete?: string;
  inputProps?: Record<string, string | number>;
  children?: (control: ControlProps) => ReactNode;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const control: ControlProps = { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy };
  const common = { ...control, name, defaultValue, required, autoComplete };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children ? children(control) : multiline ? <textarea rows={rows} {...common} /> : <input type={type} {...common} {...inputProps} />}
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
