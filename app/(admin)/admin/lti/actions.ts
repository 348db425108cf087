"use server";

import { revalidatePath } from "next/cache";
import { getCurrentUser } from "@/lib/auth";
import { createPlatform, deletePlatform, rotateKeys, updatePlatform } from "@/lib/data/lti";
import { readSignedInForm, SESSION_ENDED } from "@/lib/form-action";
import { fieldErrors, NOT_A_FORM, type FormState } from "@/lib/schemas/auth";
import { PlatformIdSchema, PlatformInputSchema } from "@/lib/schemas/lti";

const PAGE = "/admin/lti";

function values(formData: FormData): Record<string, string> {
  return Object.fromEntries([...formData.entries()].filter(([k, v]) => typeof v === "string" && !k.startsWith("$")).map(([k, v]) => [k, String(v)]));
}

export async function registerPlatformAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const user = await getCurrentUser();
  if (!user) return SESSION_ENDED;
  const parsed = PlatformInputSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error), values: values(formData) };
  const result = await createPlatform(user, parsed.data);
  if (!result.ok) return { ok: false, fieldErrors: { [result.field ?? "form"]: result.error }, values: values(formData) };
  revalidatePath(PAGE);
  return { ok: true, message: `Registered ${parsed.data.name}. Launches from it work now.` };
}

export async function updatePlatformAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const id = await readSignedInForm(PlatformIdSchema, formData, { invalid: "This form is missing the platform it edits. Reload the page." });
  if (!id.ok) return id.state;
  const parsed = PlatformInputSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error), values: values(formData) };
  const result = await updatePlatform(id.user, id.input.platformId, parsed.data);
  if (!result.ok) return { ok: false, fieldErrors: { [result.field ?? "form"]: result.error }, values: values(formData) };
  revalidatePath(PAGE);
  return { ok: true, message: "Saved." };
}

export async function removePlatformAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const id = await readSignedInForm(PlatformIdSchema, formData, { invalid: "This form is missing the platform to remove. Reload the page." });
  if (!id.ok) return id.state;
  const result = await deletePlatform(id.user, id.input.platformId);
  if (!result.ok) return { ok: false, fieldErrors: { form: result.error } };
  revalidatePath(PAGE);
  return { ok: true, message: "Removed." };
}

export async function rotateKeysAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const user = await getCurrentUser();
  if (!user) return SESSION_ENDED;
  const immediate = formData.get("immediate") === "true";
  const result = await rotateKeys(user, { immediate });
  if (!result.ok) return { ok: false, fieldErrors: { form: result.error } };
  revalidatePath(PAGE);
  return { ok: true, message: immediate ? `Key ${result.kid} signs from now on; the old one left the key set.` : `Key ${result.kid} is published and signs from ${result.activatesAt.toISOString().slice(0, 16).replace("T", " ")} UTC.` };
}
