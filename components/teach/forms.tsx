"use client";

import { useActionState, useEffect, useId, useRef } from "react";
import type { FormState } from "@/lib/schemas/auth";

export type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

function errorsOf(state: FormState): Record<string, string> {
  return state && !state.ok ? state.fieldErrors : {};
}

function Feedback({ state, quiet }: { state: FormState; quiet?: boolean }) {
  if (!state) return null;
  if (state.ok) return quiet ? null : <p className="form-success" role="status">{state.message}</p>;
  const message = state.fieldErrors.form;
  return message ? (
    <p className="form-error" role="alert">
      {message}
    </p>
  ) : null;
}

function Field({
  name,
  label,
  error,
  hint,
  defaultValue,
  type = "text",
  required,
  multiline,
  autoComplete,
  inputProps,
}: {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  defaultValue?: string | number;
  type?: string;
  required?: boolean;
  multiline?: boolean;
  autoComplete?: string;
  inputProps?: Record<string, string | number>;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = { id, name, defaultValue, required, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy, autoComplete };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea rows={3} {...common} /> : <input type={type} {...common} {...inputProps} />}
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

export function CreateClassForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = errorsOf(state);
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} className="auth-form teach-form">
      <Feedback state={state} />
      <Field name="name" label="Class name" required error={errors.name} defaultValue={values?.name} hint="For example: Concurrency, spring term, group B." autoComplete="off" />
      <Field name="description" label="Description (optional)" multiline error={errors.description} defaultValue={values?.description} />
      <div>
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? "Creating…" : "Create class"}
        </button>
      </div>
    </form>
  );
}

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
  action: Action;
  fields: Record<string, string>;
  label: string;
  pendingLabel?: string;
  confirm?: string;
  variant?: "default" | "danger" | "primary";
  accessibleLabel?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const className = `button button-small${variant === "danger" ? " button-danger-outline" : variant === "primary" ? " button-primary" : ""}`;
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
      <button type="submit" className={className} disabled={pending} aria-label={accessibleLabel}>
        {pending ? (pendingLabel ?? label) : label}
      </button>
      {state && !state.ok ? (
        <span className="field-error" role="alert">
          {state.fieldErrors.form ?? Object.values(state.fieldErrors)[0]}
        </span>
      ) : state?.ok ? (
        <span className="inline-success" role="status">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}

export function AddCoTeacherForm({ action, classId }: { action: Action; classId: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = errorsOf(state);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  return (
    <form ref={formRef} action={formAction} className="auth-form teach-form row-form">
      <input type="hidden" name="classId" value={classId} />
      <Feedback state={state} />
      <Field name="email" type="email" label="Co-teacher's email" required error={errors.email} autoComplete="off" hint="They need a teacher account on Interleave." />
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Adding…" : "Add co-teacher"}
        </button>
      </div>
    </form>
  );
}

/** Adds the browser's UTC offset at the chosen due date (so daylight-saving changes are right) before submitting. */
function withTzOffset(formAction: (data: FormData) => void) {
  return (data: FormData) => {
    const due = String(data.get("due") ?? "");
    if (due) {
      const local = new Date(due);
      data.set("tzOffset", String(Number.isNaN(local.getTime()) ? new Date().getTimezoneOffset() : local.getTimezoneOffset()));
    }
    formAction(data);
  };
}

export interface TargetOption {
  value: string;
  label: string;
}
export interface TargetGroup {
  label: string;
  options: TargetOption[];
}

export function AssignForm({ action, classId, groups }: { action: Action; classId: string; groups: TargetGroup[] }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = errorsOf(state);
  const id = useId();
  return (
    <form action={withTzOffset(formAction)} className="auth-form teach-form assign-form">
      <input type="hidden" name="classId" value={classId} />
      <Feedback state={state} />
      <div className="field">
        <label htmlFor={`${id}-t`}>Lesson or chapter</label>
        <select id={`${id}-t`} name="target" required aria-invalid={errors.target ? true : undefined} defaultValue="">
          <option value="" disabled>
            Choose…
          </option>
          {groups.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {errors.target ? <p className="field-error">{errors.target}</p> : null}
      </div>
      <Field name="due" type="datetime-local" label="Due (optional)" error={errors.due} hint="Your local time. Leave empty for no due date." />
      <div>
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? "Assigning…" : "Assign"}
        </button>
      </div>
    </form>
  );
}

function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Change or clear one assignment's due date, shown in the teacher's own time zone. */
export function DueDateForm({ action, assignmentId, dueAt, label }: { action: Action; assignmentId: string; dueAt: number | null; label: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  // The server does not know the teacher's time zone: fill the local value in after hydration.
  useEffect(() => {
    if (input.current) input.current.value = dueAt === null ? "" : toLocalInput(dueAt);
  }, [dueAt]);
  return (
    <form action={withTzOffset(formAction)} className="inline-form">
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <label htmlFor={id} className="visually-hidden">
        Due date for {label}
      </label>
      <input ref={input} id={id} type="datetime-local" name="due" className="compact-input" />
      <button type="submit" className="button button-small" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </button>
      {state && !state.ok ? (
        <span className="field-error" role="alert">
          {state.fieldErrors.form ?? state.fieldErrors.due}
        </span>
      ) : state?.ok ? (
        <span className="inline-success" role="status">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}

export function ClassSettingsForm({
  action,
  klass,
}: {
  action: Action;
  klass: { id: string; name: string; description: string | null; helpFailedAttempts: number; helpInactiveDays: number };
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = errorsOf(state);
  return (
    <form action={formAction} className="auth-form teach-form">
      <input type="hidden" name="classId" value={klass.id} />
      <Feedback state={state} />
      <Field name="name" label="Class name" required defaultValue={klass.name} error={errors.name} autoComplete="off" />
      <Field name="description" label="Description (optional)" multiline defaultValue={klass.description ?? ""} error={errors.description} />
      <fieldset className="field-group">
        <legend>&ldquo;Needs help&rdquo; signals</legend>
        <Field
          name="helpFailedAttempts"
          type="number"
          label="Failed attempts on one exercise"
          defaultValue={klass.helpFailedAttempts}
          error={errors.helpFailedAttempts}
          inputProps={{ min: 1, max: 50, inputMode: "numeric" }}
          hint="A learner is listed once this many attempts failed and none passed."
        />
        <Field
          name="helpInactiveDays"
          type="number"
          label="Days without activity"
          defaultValue={klass.helpInactiveDays}
          error={errors.helpInactiveDays}
          inputProps={{ min: 1, max: 90, inputMode: "numeric" }}
        />
      </fieldset>
      <div>
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? "Saving…" : "Save changes"}
        </button>
      </div>
    </form>
  );
}

/** Joining with a typed code (on /me), or with the code of a join link (`fixedCode`: one button). */
export function JoinClassForm({ action, fixedCode, submitLabel = "Join class" }: { action: Action; fixedCode?: string; submitLabel?: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = errorsOf(state);
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} className="auth-form teach-form row-form">
      <Feedback state={state} />
      {fixedCode ? (
        <>
          <input type="hidden" name="code" value={fixedCode} />
          {errors.code ? (
            <p className="form-error" role="alert">
              {errors.code}
            </p>
          ) : null}
        </>
      ) : (
        <Field
          name="code"
          label="Class code"
          required
          defaultValue={values?.code}
          error={errors.code}
          autoComplete="off"
          hint="Your teacher gives it to you, for example K7PQ-M4XD."
          inputProps={{ autoCapitalize: "characters", spellCheck: "false" }}
        />
      )}
      <div>
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? "Joining…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
