"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/schemas/auth";

/** A server action behind a form: `(previous state, form data) => the typed result` (lib/schemas/auth). */
export type FormAction = (prev: FormState, formData: FormData) => Promise<FormState>;

/** `useActionState` plus what every form reads from its result: field errors and the values to put back. */
export function useFormAction(action: FormAction) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  return { state, formAction, pending, errors: failed?.fieldErrors ?? {}, values: failed?.values };
}
