"use client";

import Link from "next/link";
import { useActionState, useId } from "react";
import type { FormState } from "@/lib/schemas/auth";
import "./auth.css";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

function Field({
  name,
  label,
  type = "text",
  autoComplete,
  error,
  defaultValue,
  hint,
}: {
  name: string;
  label: string;
  type?: string;
  autoComplete?: string;
  error?: string;
  defaultValue?: string;
  hint?: string;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        required
      />
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

export function SignInForm({ action, callbackUrl }: { action: Action; callbackUrl?: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} className="auth-form" noValidate>
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
      <Field name="email" label="Email" type="email" autoComplete="email" error={errors.email} defaultValue={values?.email} />
      <Field name="password" label="Password" type="password" autoComplete="current-password" error={errors.password} />
      <button type="submit" className="button button-primary" disabled={pending} aria-busy={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
      <p className="auth-switch">
        New here? <Link href={`/sign-up${callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`}>Create an account</Link>
      </p>
    </form>
  );
}

export function SignUpForm({ action, callbackUrl }: { action: Action; callbackUrl?: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = state && !state.ok ? state.values : undefined;
  const role = values?.role ?? "learner";
  return (
    <form action={formAction} className="auth-form" noValidate>
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <Field name="name" label="Name" autoComplete="name" error={errors.name} defaultValue={values?.name} />
      <Field name="email" label="Email" type="email" autoComplete="email" error={errors.email} defaultValue={values?.email} />
      <Field name="password" label="Password" type="password" autoComplete="new-password" error={errors.password} hint="At least 10 characters, not a common password." />
      <fieldset className="role-choice">
        <legend>I am here to</legend>
        <label>
          <input type="radio" name="role" value="learner" defaultChecked={role !== "teacher"} /> learn
        </label>
        <label>
          <input type="radio" name="role" value="teacher" defaultChecked={role === "teacher"} /> teach a class (you can also learn)
        </label>
      </fieldset>
      <button type="submit" className="button button-primary" disabled={pending} aria-busy={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </button>
      <p className="auth-switch">
        Already have an account? <Link href="/sign-in">Sign in</Link>
      </p>
    </form>
  );
}
