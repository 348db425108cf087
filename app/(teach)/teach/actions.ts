"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { getCurrentUser } from "@/lib/auth";
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
import { fieldErrors, type FormState, NOT_A_FORM } from "@/lib/schemas/auth";
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

const notSignedIn: FormState = { ok: false, fieldErrors: { form: "Your session has ended. Sign in again." } };

/** Checks the user and parses the form; every action below starts here. */
async function prepare<S extends z.ZodType>(
  schema: S,
  formData: FormData,
): Promise<{ ok: false; state: FormState } | { ok: true; user: NonNullable<Awaited<ReturnType<typeof getCurrentUser>>>; input: z.output<S> }> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, state: notSignedIn };
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, state: { ok: false, fieldErrors: fieldErrors(parsed.error) } };
  return { ok: true, user, input: parsed.data };
}

function failed(result: Extract<Result, { ok: false }>): FormState {
  return { ok: false, fieldErrors: { [result.field ?? "form"]: result.error } };
}

function refreshClass(classId: string) {
  revalidatePath(`/teach/classes/${classId}`, "layout");
  revalidatePath("/teach");
}

export async function createClassAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const p = await prepare(CreateClassSchema, formData);
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
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const p = await prepare(UpdateClassSchema, formData);
  if (!p.ok) return p.state;
  const { classId, ...input } = p.input;
  const result = await updateClass(p.user.id, classId, input);
  if (!result.ok) return failed(result);
  refreshClass(classId);
  return { ok: true, message: "Saved." };
}

export async function regenerateCodeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const p = await prepare(ClassIdSchema, formData);
  if (!p.ok) return p.state;
  const result = await regenerateJoinCode(p.user.id, p.input.classId);
  if (!result.ok) return failed(result);
  refreshClass(p.input.classId);
  return { ok: true, message: `New code: ${result.joinCode}. The old code and link no longer work.` };
}

export async function archiveClassAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const p = await prepare(ArchiveClassSchema, formData);
  if (!p.ok) return p.state;
  const result = await setClassArchived(p.user.id, p.input.classId, p.input.archived);
  if (!result.ok) return failed(result);
  refreshClass(p.input.classId);
  return { ok: true, message: p.input.archived ? "Archived." : "Restored." };
}

export async function addCoTeacherAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const p = await prepare(AddCoTeacherSchema, formData);
  if (!p.ok) return p.state;
  const result = await addCoTeacher(p.user.id, p.input.classId, p.input.email);
  if (!result.ok) return failed(result);
  refreshClass(p.input.classId);
  return { ok: true, message: `${result.name} now teaches this class too.` };
}

export async function removeCoTeacherAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const p = await prepare(ClassMemberSchema, formData);
  if (!p.ok) return p.state;
  const result = await removeCoTeacher(p.user.id, p.input.classId, p.input.userId);
  if (!result.ok) return failed(result);
  refreshClass(p.input.classId);
  if (p.input.userId === p.user.id) redirect("/teach");
  return { ok: true, message: "Removed." };
}

export async function removeLearnerAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const p = await prepare(ClassMemberSchema, formData);
  if (!p.ok) return p.state;
  const result = await removeLearner(p.user.id, p.input.classId, p.input.userId);
  if (!result.ok) return failed(result);
  refreshClass(p.input.classId);
  return { ok: true, message: "Removed from the class." };
}

export async function addAssignmentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const p = await prepare(AddAssignmentSchema, formData);
  if (!p.ok) return p.state;
  const result = await addAssignment(p.user.id, p.input);
  if (!result.ok) return failed(result);
  refreshClass(p.input.classId);
  revalidatePath("/me");
  return { ok: true, message: `Assigned: ${result.title}.` };
}

export async function updateAssignmentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const p = await prepare(UpdateAssignmentSchema, formData);
  if (!p.ok) return p.state;
  const result = await updateAssignmentDue(p.user.id, p.input.assignmentId, p.input.dueAt);
  if (!result.ok) return failed(result);
  refreshClass(result.classId);
  return { ok: true, message: p.input.dueAt ? "Saved." : "Due date removed." };
}

export async function removeAssignmentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const p = await prepare(AssignmentIdSchema, formData);
  if (!p.ok) return p.state;
  const result = await removeAssignment(p.user.id, p.input.assignmentId);
  if (!result.ok) return failed(result);
  refreshClass(result.classId);
  return { ok: true, message: "Removed." };
}
