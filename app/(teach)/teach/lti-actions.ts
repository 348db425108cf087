"use server";

import { revalidatePath } from "next/cache";
import { getRosterContext } from "@/lib/data/lti-sync";
import { readSignedInForm } from "@/lib/form-action";
import { syncRoster } from "@/lib/lti/worker";
import { NOT_A_FORM, type FormState } from "@/lib/schemas/auth";
import { ClassIdSchema } from "@/lib/schemas/teach";

/** "Sync roster now" on an LMS-linked class: reads the course's members from the LMS (NRPS) and applies them. */
export async function syncRosterAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const form = await readSignedInForm(ClassIdSchema, formData, { invalid: "This form is missing its class. Reload the page." });
  if (!form.ok) return form.state;
  const { classId } = form.input;
  const ctx = await getRosterContext(form.user.id, classId);
  if (!ctx) return { ok: false, fieldErrors: { form: "This class does not exist, you do not teach it, or its LMS has not shared a roster." } };
  try {
    const s = await syncRoster(ctx);
    revalidatePath(`/teach/classes/${classId}`, "layout");
    return { ok: true, message: `Roster synced: ${s.learners} ${s.learners === 1 ? "learner" : "learners"}, ${s.teachers} ${s.teachers === 1 ? "teacher" : "teachers"}${s.added ? `, ${s.added} new` : ""}${s.removed ? `, ${s.removed} removed` : ""}.` };
  } catch (err) {
    return { ok: false, fieldErrors: { form: `The LMS did not give the roster: ${(err as Error).message}` } };
  }
}
