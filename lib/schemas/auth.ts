import { z } from "zod";

export const ROLES = ["learner", "teacher", "author", "admin"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

const COMMON_PASSWORDS = new Set([
  "password",
  "password1",
  "password123",
  "1234567890",
  "123456789",
  "12345678",
  "qwertyuiop",
  "iloveyou",
  "letmein123",
  "interleave",
  "concurrency",
  "python3.14",
]);

export const EmailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address, like ada@example.com." }));

export const NewPasswordSchema = z
  .string({ error: "Choose a password." })
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.")
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), "That password is too common; choose another.")
  .refine((p) => new Set(p).size >= 5, "Use a password with more variety (at least 5 different characters).");

export const SignInSchema = z.object({
  email: EmailSchema,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(200),
  callbackUrl: z.string().max(500).optional(),
});

export const SignUpSchema = z.object({
  name: z.string().trim().min(1, "Tell us what to call you.").max(80, "Use at most 80 characters."),
  email: EmailSchema,
  password: NewPasswordSchema,
  role: z.enum(["learner", "teacher"]).default("learner"),
  callbackUrl: z.string().max(500).optional(),
});

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(200),
    newPassword: NewPasswordSchema,
  })
  .refine((v) => v.currentPassword !== v.newPassword, { path: ["newPassword"], message: "Choose a password different from the current one." });

export const DeleteAccountSchema = z.object({
  confirm: z.literal("delete my account", { error: 'Type "delete my account" to confirm.' }),
  password: z.string().max(200).optional(),
});

/** Only same-site paths may be used as a redirect target after sign-in. */
export function safeCallbackUrl(url: string | undefined | null): string {
  if (!url || !url.startsWith("/") || url.startsWith("//") || url.startsWith("/\\")) return "/";
  return url;
}

/** Field errors as the forms show them: the first message per field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}

/** What a form's server action returns: null on success (it redirects), field errors otherwise. */
export type FormState = { ok: false; fieldErrors: Record<string, string>; values?: Record<string, string> } | { ok: true; message: string } | null;

/**
 * Server actions can be called by anyone with a POST and any arguments; the form actions start with
 * `if (!(formData instanceof FormData)) return NOT_A_FORM;` so a forged call gets this answer, not a crash.
 */
export const NOT_A_FORM: FormState = { ok: false, fieldErrors: { form: "This request was not a form submission. Reload the page and try again." } };
