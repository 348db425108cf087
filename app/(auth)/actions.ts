"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { signIn, signOut } from "@/lib/auth";
import { createUserWithPassword } from "@/lib/data/accounts";
import { checkSignInAllowed, describeRetry, recordSignInAttempt } from "@/lib/data/rate-limit";
import { fieldErrors, safeCallbackUrl, SignInSchema, SignUpSchema } from "@/lib/schemas/auth";

export type { FormState } from "@/lib/schemas/auth";
import type { FormState } from "@/lib/schemas/auth";

async function clientIp(): Promise<string> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "local";
}

function isRedirect(err: unknown): boolean {
  return typeof (err as { digest?: unknown })?.digest === "string" && (err as { digest: string }).digest.startsWith("NEXT_REDIRECT");
}

export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = { email: String(formData.get("email") ?? "") };
  const parsed = SignInSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error), values };
  const { email, password, callbackUrl } = parsed.data;
  const ip = await clientIp();

  const verdict = await checkSignInAllowed(email, ip);
  if (!verdict.allowed) {
    return { ok: false, values, fieldErrors: { form: `Too many failed sign-in attempts. Try again ${describeRetry(verdict.retryAfterMs)}.` } };
  }
  try {
    await signIn("credentials", { email, password, redirectTo: safeCallbackUrl(callbackUrl) });
  } catch (err) {
    if (isRedirect(err)) {
      await recordSignInAttempt(email, ip, true);
      throw err;
    }
    if (err instanceof AuthError && err.type === "CredentialsSignin") {
      await recordSignInAttempt(email, ip, false);
      return { ok: false, values, fieldErrors: { form: "Wrong email or password." } };
    }
    throw err;
  }
  return null;
}

export async function signUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
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
