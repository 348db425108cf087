import { z } from "zod";
import { EmailSchema } from "./auth";

const Id = z.string().trim().min(1).max(64);
const optionalText = (max: number, message: string) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, message).optional());

export const ClassNameSchema = z.string({ error: "Give the class a name." }).trim().min(1, "Give the class a name.").max(80, "Use at most 80 characters.");

export const CreateClassSchema = z.object({
  name: ClassNameSchema,
  description: optionalText(500, "Use at most 500 characters."),
});

export const UpdateClassSchema = z.object({
  classId: Id,
  name: ClassNameSchema,
  description: optionalText(500, "Use at most 500 characters."),
  helpFailedAttempts: z.coerce.number({ error: "Enter a number." }).int("Enter a whole number.").min(1, "Use 1 or more.").max(50, "Use at most 50."),
  helpInactiveDays: z.coerce.number({ error: "Enter a number." }).int("Enter a whole number.").min(1, "Use 1 or more.").max(90, "Use at most 90."),
});

export const ClassIdSchema = z.object({ classId: Id });

export const ArchiveClassSchema = z.object({ classId: Id, archived: z.enum(["true", "false"]).transform((v) => v === "true") });

export const JoinCodeSchema = z.object({
  code: z
    .string({ error: "Enter the class code your teacher gave you." })
    .trim()
    .min(1, "Enter the class code your teacher gave you.")
    .max(32, "That is longer than any class code.")
    .regex(/^[A-Za-z0-9 -]+$/, "Class codes have only letters, digits and a dash, like K7PQ-M4XD."),
});

export const AddCoTeacherSchema = z.object({ classId: Id, email: EmailSchema });

export const ClassMemberSchema = z.object({ classId: Id, userId: Id });

/**
 * A due date from `<input type="datetime-local">` (the teacher's wall-clock time) plus the browser's
 * getTimezoneOffset() in minutes, so the server stores the instant the teacher meant.
 */
const DueSchema = z
  .object({
    due: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Pick a date and time.").optional()),
    tzOffset: z.coerce.number().int().min(-900).max(900).default(0),
  })
  .transform(({ due, tzOffset }) => (due ? new Date(Date.parse(`${due}:00Z`) + tzOffset * 60_000) : null))
  .refine((d) => d === null || !Number.isNaN(d.getTime()), { message: "Pick a valid date." });

export const AddAssignmentSchema = z
  .object({
    classId: Id,
    /** "lesson:chapter/lesson" or "chapter:chapter-slug" (one select lists both). */
    target: z.string({ error: "Choose a lesson or chapter." }).regex(/^(lesson:[a-z0-9-]+\/[a-z0-9-]+|chapter:[a-z0-9-]+)$/, "Choose a lesson or chapter."),
    due: z.string().optional(),
    tzOffset: z.string().optional(),
  })
  .transform((v, ctx) => {
    const due = DueSchema.safeParse({ due: v.due, tzOffset: v.tzOffset });
    if (!due.success) {
      ctx.addIssue({ code: "custom", path: ["due"], message: due.error.issues[0]?.message ?? "Pick a valid date." });
      return z.NEVER;
    }
    const [kind, target] = v.target.split(/:(.*)/s) as ["lesson" | "chapter", string];
    return { classId: v.classId, kind, target, dueAt: due.data };
  });

export const UpdateAssignmentSchema = z
  .object({ assignmentId: Id, due: z.string().optional(), tzOffset: z.string().optional() })
  .transform((v, ctx) => {
    const due = DueSchema.safeParse({ due: v.due, tzOffset: v.tzOffset });
    if (!due.success) {
      ctx.addIssue({ code: "custom", path: ["due"], message: due.error.issues[0]?.message ?? "Pick a valid date." });
      return z.NEVER;
    }
    return { assignmentId: v.assignmentId, dueAt: due.data };
  });

export const AssignmentIdSchema = z.object({ assignmentId: Id });

/** Query of the cell-detail API: which learner and which lesson or exercise. */
export const CellQuerySchema = z.object({ learner: Id, item: z.string().min(1).max(240) });
