"use client";

import { useEffect, useId, useRef } from "react";
import { Field } from "@/components/ui/field";
import { FormError, FormFeedback, InlineFeedback } from "@/components/ui/form-feedback";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction, type FormAction } from "@/components/ui/use-form-action";

export function CreateClassForm({ action }: { action: FormAction }) {
  const { state, formAction, pending, errors, values } = useFormAction(action);
  return (
    <form action={formAction} className="auth-form teach-form">
      <FormFeedback state={state} />
      <Field name="name" label="Class name" required error={errors.name} defaultValue={values?.name} hint="For example: Concurrency, spring term, group B." autoComplete="off" />
      <Field name="description" label="Description (optional)" multiline error={errors.description} defaultValue={values?.description} />
      <div>
        <SubmitButton pending={pending} pendingLabel="Creating…">
          Create class
        </SubmitButton>
      </div>
    </form>
  );
}

export function AddCoTeacherForm({ action, classId }: { action: FormAction; classId: string }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  return (
    <form ref={formRef} action={formAction} className="auth-form teach-form row-form">
      <input type="hidden" name="classId" value={classId} />
      <FormFeedback state={state} />
      <Field name="email" type="email" label="Co-teacher's email" required error={errors.email} autoComplete="off" hint="They need a teacher account on Interleave." />
      <div>
        <SubmitButton variant="default" pending={pending} pendingLabel="Adding…">
          Add co-teacher
        </SubmitButton>
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

export function AssignForm({ action, classId, groups }: { action: FormAction; classId: string; groups: TargetGroup[] }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  return (
    <form action={withTzOffset(formAction)} className="auth-form teach-form assign-form">
      <input type="hidden" name="classId" value={classId} />
      <FormFeedback state={state} />
      <Field name="target" label="Lesson or chapter" error={errors.target}>
        {(control) => (
        <select {...control} name="target" required defaultValue="">
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
        )}
      </Field>
      <Field name="due" type="datetime-local" label="Due (optional)" error={errors.due} hint="Your local time. Leave empty for no due date." />
      <div>
        <SubmitButton pending={pending} pendingLabel="Assigning…">
          Assign
        </SubmitButton>
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
export function DueDateForm({ action, assignmentId, dueAt, label }: { action: FormAction; assignmentId: string; dueAt: number | null; label: string }) {
  const { state, formAction, pending } = useFormAction(action);
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
      <SubmitButton small variant="default" pending={pending} pendingLabel="Saving…">
        Save
      </SubmitButton>
      <InlineFeedback state={state} field="due" />
    </form>
  );
}

export function ClassSettingsForm({
  action,
  klass,
}: {
  action: FormAction;
  klass: { id: string; name: string; description: string | null; helpFailedAttempts: number; helpInactiveDays: number };
}) {
  const { state, formAction, pending, errors } = useFormAction(action);
  return (
    <form action={formAction} className="auth-form teach-form">
      <input type="hidden" name="classId" value={klass.id} />
      <FormFeedback state={state} />
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
        <SubmitButton pending={pending} pendingLabel="Saving…">
          Save changes
        </SubmitButton>
      </div>
    </form>
  );
}

/** Joining with a typed code (on /me), or with the code of a join link (`fixedCode`: one button). */
export function JoinClassForm({ action, fixedCode, submitLabel = "Join class" }: { action: FormAction; fixedCode?: string; submitLabel?: string }) {
  const { state, formAction, pending, errors, values } = useFormAction(action);
  return (
    <form action={formAction} className="auth-form teach-form row-form">
      <FormFeedback state={state} />
      {fixedCode ? (
        <>
          <input type="hidden" name="code" value={fixedCode} />
          <FormError message={errors.code} />
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
        <SubmitButton pending={pending} pendingLabel="Joining…">
          {submitLabel}
        </SubmitButton>
      </div>
    </form>
  );
}
