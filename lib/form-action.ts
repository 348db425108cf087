import "server-only";
import type { z } from "zod";
import { getCurrentUser } from "@/lib/auth";
import { fieldErrors, type FormState } from "@/lib/schemas/auth";

export type SignedInUser = NonNullable<Awaited<ReturnType<typeof getCurrentUser>>>;

/** The answer to a form sent after its sender's session ended. */
export const SESSION_ENDED: FormState = { ok: false, fieldErrors: { form: "Your session has ended. Sign in again." } };

/**
 * How a signed-in user's form action starts, once it knows it was sent a form (NOT_A_FORM otherwise): the user and
 * the form's fields parsed with `schema`; or the state to answer with: `signedOut` when nobody is signed in; when the
 * fields do not parse, their field errors, or the form-level message `invalid` (for hidden fields, which the person
 * cannot correct).
 */
export async function readSignedInForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  { signedOut = SESSION_ENDED, invalid }: { signedOut?: FormState; invalid?: string } = {},
): Promise<{ ok: false; state: FormState } | { ok: true; user: SignedInUser; input: z.output<S> }> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, state: signedOut };
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, state: { ok: false, fieldErrors: invalid === undefined ? fieldErrors(parsed.error) : { form: invalid } } };
  return { ok: true, user, input: parsed.data };
}
