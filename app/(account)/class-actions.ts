"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth";
import { joinClass, leaveClass } from "@/lib/data/classes";
import { readSignedInForm } from "@/lib/form-action";
import { fieldErrors, type FormState, NOT_A_FORM } from "@/lib/schemas/auth";
import { ClassIdSchema, JoinCodeSchema } from "@/lib/schemas/teach";

const notSignedIn: FormState = { ok: false, fieldErrors: { form: "Sign in to join a class." } };

export async function joinClassAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const user = await getCurrentUser();
  if (!user) return notSignedIn;
  const values = { code: String(formData.get("code") ?? "") };
  const parsed = JoinCodeSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error), values };
  const result = await joinClass(user.id, parsed.data.code);
  if (!result.ok) return { ok: false, fieldErrors: { [result.field ?? "form"]: result.error }, values };
  revalidatePath("/me");
  redirect(`/me?joined=${encodeURIComponent(result.classId)}${result.already ? "&already=1" : ""}`);
}

export async function leaveClassAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const form = await readSignedInForm(ClassIdSchema, formData, { signedOut: notSignedIn });
  if (!form.ok) return form.state;
  await leaveClass(form.user.id, form.input.classId);
  revalidatePath("/me");
  // The class's card (and the button's own message) is gone after leaving: say it at the top of the page.
  redirect("/me?left=1");
}
