"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { signOut, unstable_update } from "@/lib/auth";
import { changePassword, deleteUser, setRole } from "@/lib/data/accounts";
import { readSignedInForm } from "@/lib/form-action";
import { ChangePasswordSchema, DeleteAccountSchema, type FormState, NOT_A_FORM } from "@/lib/schemas/auth";

export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const form = await readSignedInForm(ChangePasswordSchema, formData);
  if (!form.ok) return form.state;
  const { user, input } = form;
  const result = await changePassword(user.id, input.currentPassword, input.newPassword);
  if (!result.ok) return result;
  return { ok: true, message: "Your password has been changed." };
}

const RoleFormSchema = z.object({ role: z.enum(["learner", "teacher"], { error: "Choose learner or teacher." }) });

export async function setRoleAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const form = await readSignedInForm(RoleFormSchema, formData);
  if (!form.ok) return form.state;
  const { user, input } = form;
  if (user.role !== "learner" && user.role !== "teacher") {
    return { ok: false, fieldErrors: { form: `Your account has the ${user.role} role, which includes teaching; it cannot be changed here.` } };
  }
  await setRole(user.id, input.role);
  await unstable_update({});
  revalidatePath("/settings");
  return { ok: true, message: input.role === "teacher" ? "You can now create classes." : "Your account is now a learner account." };
}

export async function deleteAccountAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const form = await readSignedInForm(DeleteAccountSchema, formData);
  if (!form.ok) return form.state;
  const { user, input } = form;
  const result = await deleteUser(user.id, input.password);
  if (!result.ok) return result;
  await signOut({ redirectTo: "/?deleted=1" });
  return null;
}
