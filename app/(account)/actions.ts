"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getCurrentUser, signOut, unstable_update } from "@/lib/auth";
import { changePassword, deleteUser, setRole } from "@/lib/data/accounts";
import { ChangePasswordSchema, DeleteAccountSchema, fieldErrors, type FormState, NOT_A_FORM } from "@/lib/schemas/auth";

const notSignedIn: FormState = { ok: false, fieldErrors: { form: "Your session has ended. Sign in again." } };

export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const user = await getCurrentUser();
  if (!user) return notSignedIn;
  const parsed = ChangePasswordSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error) };
  const result = await changePassword(user.id, parsed.data.currentPassword, parsed.data.newPassword);
  if (!result.ok) return result;
  return { ok: true, message: "Your password has been changed." };
}

const RoleFormSchema = z.object({ role: z.enum(["learner", "teacher"], { error: "Choose learner or teacher." }) });

export async function setRoleAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const user = await getCurrentUser();
  if (!user) return notSignedIn;
  const parsed = RoleFormSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error) };
  if (user.role !== "learner" && user.role !== "teacher") {
    return { ok: false, fieldErrors: { form: `Your account has the ${user.role} role, which includes teaching; it cannot be changed here.` } };
  }
  await setRole(user.id, parsed.data.role);
  await unstable_update({});
  revalidatePath("/settings");
  return { ok: true, message: parsed.data.role === "teacher" ? "You can now create classes." : "Your account is now a learner account." };
}

export async function deleteAccountAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const user = await getCurrentUser();
  if (!user) return notSignedIn;
  const parsed = DeleteAccountSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error) };
  const result = await deleteUser(user.id, parsed.data.password);
  if (!result.ok) return result;
  await signOut({ redirectTo: "/?deleted=1" });
  return null;
}
