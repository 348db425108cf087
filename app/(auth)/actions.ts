"use server";

import { AuthError, type CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { isGitHubSignInEnabled, signIn, signOut } from "@/lib/auth";
import { createUserWithPassword } from "@/lib/data/accounts";
import { checkSignInAllowed, clientIp, describeRetry } from "@/lib/data/rate-limit";
import { fieldErrors, safeCallbackUrl, SignInSchema, SignUpSchema, NOT_A_FORM } from "@/lib/schemas/auth";

export type { FormState } from "@/lib/schemas/auth";
import type { FormState } from "@/lib/schemas/auth";

function isRedirect(err: unknown): boolean {
  return typeof (err as { digest?: unknown })?.digest === "string" && (err as { digest: string }).digest.startsWith("NEXT_REDIRECT");
}

export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const values = { email: String(formData.get("email") ?? "") };
  const parsed = SignInSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error), values };
  const { email, password, callbackUrl } = parsed.data;
  try {
    // authorize() (lib/auth.ts) checks and records the attempt against the rate limits.
    await signIn("credentials", { email, password, redirectTo: safeCallbackUrl(callbackUrl) });
  } catch (err) {
    if (isRedirect(err)) throw err;
    if (err instanceof AuthError && err.type === "CredentialsSignin") {
      if ((err as CredentialsSignin).code === "rate_limited") {
        const verdict = await checkSignInAllowed(email, clientIp(await headers()));
        const when = verdict.allowed ? "now" : describeRetry(verdict.retryAfterMs);
        return { ok: false, values, fieldErrors: { form: `Too many failed sign-in attempts. Try again ${when}.` } };
      }
      return { ok: false, values, fieldErrors: { form: "Wrong email or password." } };
    }
    throw err;
  }
  return null;
}

export async function signUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const values = { name: String(formData.get("name") ?? ""), email: String(formData.get("email") ?? ""), role: String(formData.get("role") ?? "learner") };
  const parsed = SignUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error), values };
  const created = await createUserWithPassword(parsed.data);
  if (!created.ok) return { ok: false, fieldErrors: created.fieldErrors, values };
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: safeCallbackUrl(parsed.data.callbackUrl ?? "/me?welcome=1") });
  return null;
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}

/** The "Sign in with GitHub" button (shown only when GitHub is configured). */
export async function signInWithGitHubAction(formData: FormData): Promise<void> {
  if (!isGitHubSignInEnabled) redirect("/sign-in");
  const callbackUrl = formData instanceof FormData ? formData.get("callbackUrl") : null;
  await signIn("github", { redirectTo: safeCallbackUrl(typeof callbackUrl === "string" ? callbackUrl : undefined) });
}
