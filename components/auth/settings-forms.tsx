"use client";

import type { ReactNode } from "react";
import { progressStore } from "@/components/progress/progress-store";
import { Field } from "@/components/ui/field";
import { FormFeedback } from "@/components/ui/form-feedback";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction, type FormAction } from "@/components/ui/use-form-action";
import "./auth.css";

export function ChangePasswordForm({ action }: { action: FormAction }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  return (
    <form action={formAction} className="auth-form">
      <FormFeedback state={state} />
      <Field name="currentPassword" label="Current password" type="password" autoComplete="current-password" error={errors.currentPassword} />
      <Field name="newPassword" label="New password" type="password" autoComplete="new-password" error={errors.newPassword} />
      <SubmitButton variant="default" pending={pending} pendingLabel="Changing…">
        Change password
      </SubmitButton>
    </form>
  );
}

export function RoleForm({ action, role }: { action: FormAction; role: string }) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} className="auth-form">
      <FormFeedback state={state} />
      <fieldset className="role-choice">
        <legend>Account type</legend>
        <label>
          <input type="radio" name="role" value="learner" defaultChecked={role === "learner"} /> Learner
        </label>
        <label>
          <input type="radio" name="role" value="teacher" defaultChecked={role === "teacher"} /> Teacher (create classes and follow learners)
        </label>
      </fieldset>
      <SubmitButton variant="default" pending={pending}>
        Save
      </SubmitButton>
    </form>
  );
}

export function DeleteAccountForm({ action, hasPassword, children }: { action: FormAction; hasPassword: boolean; children?: ReactNode }) {
  const { state, formAction, pending, errors } = useFormAction(action);
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
      <FormFeedback state={state} />
      <Field name="confirm" label={'Type "delete my account" to confirm'} autoComplete="off" error={errors.confirm} />
      {hasPassword ? <Field name="password" label="Password" type="password" autoComplete="current-password" error={errors.password} /> : null}
      <SubmitButton variant="danger" pending={pending} pendingLabel="Deleting…">
        Delete my account and all my data
      </SubmitButton>
    </form>
  );
}
