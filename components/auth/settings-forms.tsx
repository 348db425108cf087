"use client";

import { useActionState, useId, type ReactNode } from "react";
import { progressStore } from "@/components/progress/progress-store";
import type { FormState } from "@/lib/schemas/auth";
import "./auth.css";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

function Feedback({ state }: { state: FormState }) {
  if (!state) return null;
  if (state.ok) return <p className="form-success" role="status">{state.message}</p>;
  return state.fieldErrors.form ? (
    <p className="form-error" role="alert">
      {state.fieldErrors.form}
    </p>
  ) : null;
}

function PasswordField({ name, label, error, autoComplete }: { name: string; label: string; error?: string; autoComplete: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type="password" autoComplete={autoComplete} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-e` : undefined} />
      {error ? (
        <p id={`${id}-e`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function errorsOf(state: FormState): Record<string, string> {
  return state && !state.ok ? state.fieldErrors : {};
}

export function ChangePasswordForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = errorsOf(state);
  return (
    <form action={formAction} className="auth-form">
      <Feedback state={state} />
      <PasswordField name="currentPassword" label="Current password" autoComplete="current-password" error={errors.currentPassword} />
      <PasswordField name="newPassword" label="New password" autoComplete="new-password" error={errors.newPassword} />
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}

export function RoleForm({ action, role }: { action: Action; role: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="auth-form">
      <Feedback state={state} />
      <fieldset className="role-choice">
        <legend>Account type</legend>
        <label>
          <input type="radio" name="role" value="learner" defaultChecked={role === "learner"} /> Learner
        </label>
        <label>
          <input type="radio" name="role" value="teacher" defaultChecked={role === "teacher"} /> Teacher (create classes and follow learners)
        </label>
      </fieldset>
      <button type="submit" className="button" disabled={pending}>
        Save
      </button>
    </form>
  );
}

export function DeleteAccountForm({ action, hasPassword, children }: { action: Action; hasPassword: boolean; children?: ReactNode }) {
  const [state, formAction, pending] = useActionState(async (prev: FormState, data: FormData) => {
    const result = await action(prev, data);
    return result;
  }, null);
  const errors = errorsOf(state);
  const id = useId();
  return (
    <form
      action={(data) => {
        // The device forgets the account's progress too; the server deletes the rest.
        if (data.get("confirm") === "delete my account") progressStore.clearForSignOut();
        formAction(data);
      }}
      className="auth-form"
    >
      {children}
      <Feedback state={state} />
      <div className="field">
        <label htmlFor={id}>Type &quot;delete my account&quot; to confirm</label>
        <input id={id} name="confirm" autoComplete="off" aria-invalid={errors.confirm ? true : undefined} />
        {errors.confirm ? <p className="field-error">{errors.confirm}</p> : null}
      </div>
      {hasPassword ? <PasswordField name="password" label="Password" autoComplete="current-password" error={errors.password} /> : null}
      <button type="submit" className="button button-danger" disabled={pending}>
        {pending ? "Deleting…" : "Delete my account and all my data"}
      </button>
    </form>
  );
}
