"use client";

import Link from "next/link";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-feedback";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction, type FormAction } from "@/components/ui/use-form-action";
import "./auth.css";

export function SignInForm({ action, callbackUrl }: { action: FormAction; callbackUrl?: string }) {
  const { formAction, pending, errors, values } = useFormAction(action);
  return (
    <form action={formAction} className="auth-form" noValidate>
      <FormError message={errors.form} />
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
      <Field name="email" label="Email" type="email" autoComplete="email" required error={errors.email} defaultValue={values?.email} />
      <Field name="password" label="Password" type="password" autoComplete="current-password" required error={errors.password} />
      <SubmitButton pending={pending} pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
      <p className="auth-switch">
        New here? <Link href={`/sign-up${callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`}>Create an account</Link>
      </p>
    </form>
  );
}

export function SignUpForm({ action, callbackUrl }: { action: FormAction; callbackUrl?: string }) {
  const { formAction, pending, errors, values } = useFormAction(action);
  const role = values?.role ?? "learner";
  return (
    <form action={formAction} className="auth-form" noValidate>
      <FormError message={errors.form} />
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <Field name="name" label="Name" autoComplete="name" required error={errors.name} defaultValue={values?.name} />
      <Field name="email" label="Email" type="email" autoComplete="email" required error={errors.email} defaultValue={values?.email} />
      <Field name="password" label="Password" type="password" autoComplete="new-password" required error={errors.password} hint="At least 10 characters, not a common password." />
      <fieldset className="role-choice">
        <legend>I am here to</legend>
        <label>
          <input type="radio" name="role" value="learner" defaultChecked={role !== "teacher"} /> learn
        </label>
        <label>
          <input type="radio" name="role" value="teacher" defaultChecked={role === "teacher"} /> teach a class (you can also learn)
        </label>
      </fieldset>
      <SubmitButton pending={pending} pendingLabel="Creating your account…">
        Create account
      </SubmitButton>
      <p className="auth-switch">
        Already have an account? <Link href="/sign-in">Sign in</Link>
      </p>
    </form>
  );
}
