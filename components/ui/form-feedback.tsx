import type { ReactNode } from "react";
import type { FormState } from "@/lib/schemas/auth";

/** A form-wide error (role=alert). */
export function FormError({ message }: { message?: string }) {
  return message ? (
    <p className="form-error" role="alert">
      {message}
    </p>
  ) : null;
}

/** A success message (role=status). */
export function FormSuccess({ children }: { children: ReactNode }) {
  return (
    <p className="form-success" role="status">
      {children}
    </p>
  );
}

/** What a form's action answered, above its fields: its success message (unless `quiet`) or its form-wide error. */
export function FormFeedback({ state, quiet }: { state: FormState; quiet?: boolean }) {
  if (!state) return null;
  if (state.ok) return quiet ? null : <FormSuccess>{state.message}</FormSuccess>;
  return <FormError message={state.fieldErrors.form} />;
}

/** The same for a one-line form, next to its button: `field` names the error to show when there is no form-wide one. */
export function InlineFeedback({ state, field }: { state: FormState; field?: string }) {
  if (!state) return null;
  if (state.ok) {
    return (
      <span className="inline-success" role="status">
        {state.message}
      </span>
    );
  }
  const errors = state.fieldErrors;
  return (
    <span className="field-error" role="alert">
      {errors.form ?? (field ? errors[field] : undefined) ?? Object.values(errors)[0]}
    </span>
  );
}
