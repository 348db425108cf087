"use client";

import { InlineFeedback } from "./form-feedback";
import { SubmitButton } from "./submit-button";
import { useFormAction, type FormAction } from "./use-form-action";

/**
 * A one-button form (regenerate, archive, remove…) with its hidden fields; `confirm` asks first. Its result is
 * announced next to the button.
 */
export function ActionButton({
  action,
  fields,
  label,
  pendingLabel,
  confirm,
  variant = "default",
  accessibleLabel,
}: {
  action: FormAction;
  fields: Record<string, string>;
  label: string;
  pendingLabel?: string;
  confirm?: string;
  variant?: "default" | "danger" | "primary";
  accessibleLabel?: string;
}) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form
      className="inline-form"
      action={formAction}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SubmitButton small variant={variant === "danger" ? "danger-outline" : variant} pending={pending} pendingLabel={pendingLabel} accessibleLabel={accessibleLabel}>
        {label}
      </SubmitButton>
      <InlineFeedback state={state} />
    </form>
  );
}
