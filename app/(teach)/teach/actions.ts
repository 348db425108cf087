"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import {
  addAssignment,
  addCoTeacher,
  createClass,
  regenerateJoinCode,
  removeAssignment,
  removeCoTeacher,
  removeLearner,
  setClassArchived,
  updateAssignmentDue,
  updateClass,
  type Result,
} from "@/lib/data/classes";
import { readSignedInForm, type SignedInUser } from "@/lib/form-action";
import { type FormState, NOT_A_FORM } from "@/lib/schemas/auth";
import {
  AddAssignmentSchema,
  AddCoTeacherSchema,
  ArchiveClassSchema,
  AssignmentIdSchema,
  ClassIdSchema,
  ClassMemberSchema,
  CreateClassSchema,
  UpdateAssignmentSchema,
  UpdateClassSchema,
} from "@/lib/schemas/teach";

function failed(result: Extract<Result, { ok: false }>): FormState {
  return { ok: false, fieldErrors: { [result.field ?? "form"]: result.error } };
}

function refreshClass(classId: string) {
  revalidatePath(`/teach/classes/${classId}`, "layout");
  revalidatePath("/teach");
}

/**
 * The shape of most actions below: a form from a signed-in teacher, parsed with `schema`; `change` makes the change
 * (lib/data/classes' Result); once it is made, `done` names the class it touched (whose pages are refreshed) and
 * says so in the form's message.
 */
async function changeClass<S extends z.ZodType, T extends object>(
  formData: unknown,
  schema: S,
  change: (user: SignedInUser, input: z.output<S>) => Promise<Result<T>>,
  done: (input: z.output<S>, result: T) => { classId: string; message: string },
): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const p = await readSignedInForm(schema, formData);
  if (!p.ok) return p.state;
  const result = await change(p.user, p.input);
  if (!result.ok) return failed(result);
  const { classId, message } = done(p.input, result);
  refreshClass(classId);
  return { ok: true, message };
}

export async function createClassAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const p = await readSignedInForm(CreateClassSchema, formData);
  if (!p.ok) {
    const values = { name: String(formData.get("name") ?? ""), description: String(formData.get("description") ?? "") };
    return p.state && !p.state.ok ? { ...p.state, values } : p.state;
  }
  const result = await createClass(p.user, p.input);
  if (!result.ok) return failed(result);
  revalidatePath("/teach");
  redirect(`/teach/classes/${result.classId}?created=1`);
}

export async function updateClassAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return changeClass(
    formData,
    UpdateClassSchema,
    (user, { classId, ...input }) => updateClass(user.id, classId, input),
    ({ classId }) => ({ classId, message: "Saved." }),
  );
}

export async function regenerateCodeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return changeClass(
    formData,
    ClassIdSchema,
    (user, { classId }) => regenerateJoinCode(user.id, classId),
    ({ classId }, { joinCode }) => ({ classId, message: `New code: ${joinCode}. The old code and link no longer work.` }),
  );
}

export async function archiveClassAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return changeClass(
    formData,
    ArchiveClassSchema,
    (user, { classId, archived }) => setClassArchived(user.id, classId, archived),
    ({ classId, archived }) => ({ classId, message: archived ? "Archived." : "Restored." }),
  );
}

export async function addCoTeacherAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return changeClass(
    formData,
    AddCoTeacherSchema,
    (user, { classId, email }) => addCoTeacher(user.id, classId, email),
    ({ classId }, { name }) => ({ classId, message: `${name} now teaches this class too.` }),
  );
}

export async function removeCoTeacherAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const p = await readSignedInForm(ClassMemberSchema, formData);
  if (!p.ok) return p.state;
  const result = await removeCoTeacher(p.user.id, p.input.classId, p.input.userId);
  if (!result.ok) return failed(result);
  refreshClass(p.input.classId);
  if (p.input.userId === p.user.id) redirect("/teach");
  return { ok: true, message: "Removed." };
}

export async function removeLearnerAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return changeClass(
    formData,
    ClassMemberSchema,
    (user, { classId, userId }) => removeLearner(user.id, classId, userId),
    ({ classId }) => ({ classId, message: "Removed from the class." }),
  );
}

export async function addAssignmentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const p = await readSignedInForm(AddAssignmentSchema, formData);
  if (!p.ok) return p.state;
  const result = await addAssignment(p.user.id, p.input);
  if (!result.ok) return failed(result);
  refreshClass(p.input.classId);
  revalidatePath("/me");
  return { ok: true, message: `Assigned: ${result.title}.` };
}

export async function updateAssignmentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return changeClass(
    formData,
    UpdateAssignmentSchema,
    (user, { assignmentId, dueAt }) => updateAssignmentDue(user.id, assignmentId, dueAt),
    ({ dueAt }, { classId }) => ({ classId, message: dueAt ? "Saved." : "Due date removed." }),
  );
}

export async function removeAssignmentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return changeClass(
    formData,
    AssignmentIdSchema,
    (user, { assignmentId }) => removeAssignment(user.id, assignmentId),
    (_input, { classId }) => ({ classId, message: "Removed." }),
  );
}
