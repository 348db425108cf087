import { z } from "zod";

/**
 * LTI input shared by the admin page's form, its server actions and the operator script (scripts/lti.ts), and the
 * parameters of the LTI endpoints (app/lti/*).
 */

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** An https URL; plain http only on this machine (a platform under test or in development). */
export const PlatformUrlSchema = z
  .string({ error: "Enter a URL." })
  .trim()
  .min(1, "Enter a URL.")
  .max(2000, "Use at most 2,000 characters.")
  .pipe(z.url({ error: "Enter a full URL, like https://lms.example.edu/…" }))
  .refine((u) => {
    const url = new URL(u);
    return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
  }, "Use an https:// URL (http:// only for a platform on this machine).");

const IdSchema = (what: string) => z.string({ error: `Enter the ${what}.` }).trim().min(1, `Enter the ${what}.`).max(255, "Use at most 255 characters.");

/** Deployment ids: one per line or separated by commas. */
export const DeploymentIdsSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => [...new Set((Array.isArray(v) ? v : v.split(/[\n,]/)).map((s) => s.trim()).filter(Boolean))])
  .pipe(z.array(z.string().max(255, "A deployment id has at most 255 characters.")).min(1, "Enter at least one deployment id (the LMS shows it after you install Interleave)."));

export const PlatformInputSchema = z.object({
  name: z.string({ error: "Name the platform." }).trim().min(1, "Name the platform, like “Springfield Canvas”.").max(120, "Use at most 120 characters."),
  issuer: PlatformUrlSchema,
  clientId: IdSchema("client id"),
  authLoginUrl: PlatformUrlSchema,
  authTokenUrl: PlatformUrlSchema,
  keysetUrl: PlatformUrlSchema,
  tokenAudience: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(2000).optional()),
  deploymentIds: DeploymentIdsSchema,
});
export type PlatformInput = z.infer<typeof PlatformInputSchema>;

/** OIDC login initiation (third-party initiated login), by GET query or POST form. */
export const LoginInitiationSchema = z.object({
  iss: z.string({ error: "The login request names no issuer (iss)." }).min(1, "The login request names no issuer (iss).").max(500),
  login_hint: z.string({ error: "The login request has no login_hint." }).min(1, "The login request has no login_hint.").max(2000),
  target_link_uri: z.string({ error: "The login request has no target_link_uri." }).min(1).max(2000),
  lti_message_hint: z.string().max(4000).optional(),
  client_id: z.string().max(255).optional(),
  lti_deployment_id: z.string().max(255).optional(),
});

/** The platform's form post to the launch URL (the OIDC authentication response). */
export const LaunchFormSchema = z.object({
  id_token: z.string({ error: "The launch carries no id_token." }).min(1, "The launch carries no id_token.").max(100_000, "The id_token is too large."),
  state: z.string({ error: "The launch carries no state." }).min(1, "The launch carries no state.").max(200),
});

/** The teacher's choice in the deep linking picker. */
export const DeepLinkChoiceSchema = z.object({
  items: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string().regex(/^(lesson|chapter):[a-z0-9-]+(\/[a-z0-9-]+)?$/, "Pick a lesson or a chapter.").max(300)).min(1, "Pick a lesson or a chapter.").max(50)),
});

export const PlatformIdSchema = z.object({ platformId: z.string().min(1).max(100) });
export const DeploymentFormSchema = z.object({ platformId: z.string().min(1).max(100), deploymentId: IdSchema("deployment id") });
