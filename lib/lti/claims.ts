/**
 * LTI 1.3 / LTI Advantage vocabulary: claim names, scopes, media types and roles (IMS LTI Core 1.3, Deep Linking 2.0,
 * Assignment and Grade Services 2.0, Names and Role Provisioning Services 2.0), and the zod schemas for the claims we
 * read from a platform's id_token. Pure: no I/O, shared by the server and the test platform.
 */
import { z } from "zod";

const LTI = "https://purl.imsglobal.org/spec/lti/claim/";
export const CLAIM = {
  messageType: `${LTI}message_type`,
  version: `${LTI}version`,
  deploymentId: `${LTI}deployment_id`,
  targetLinkUri: `${LTI}target_link_uri`,
  resourceLink: `${LTI}resource_link`,
  roles: `${LTI}roles`,
  context: `${LTI}context`,
  custom: `${LTI}custom`,
  launchPresentation: `${LTI}launch_presentation`,
  toolPlatform: `${LTI}tool_platform`,
  deepLinkingSettings: "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings",
  contentItems: "https://purl.imsglobal.org/spec/lti-dl/claim/content_items",
  deepLinkingData: "https://purl.imsglobal.org/spec/lti-dl/claim/data",
  deepLinkingMessage: "https://purl.imsglobal.org/spec/lti-dl/claim/msg",
  ags: "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
  nrps: "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
} as const;

export const SCOPE = {
  lineItem: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
  lineItemReadOnly: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
  resultReadOnly: "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
  score: "https://purl.imsglobal.org/spec/lti-ags/scope/score",
  memberships: "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
} as const;

export const MEDIA = {
  score: "application/vnd.ims.lis.v1.score+json",
  lineItem: "application/vnd.ims.lis.v2.lineitem+json",
  lineItems: "application/vnd.ims.lis.v2.lineitemcontainer+json",
  memberships: "application/vnd.ims.lti-nrps.v2.membershipcontainer+json",
} as const;

/** Custom parameters we put on every link we place (deep linking), read back at launch. */
export const CUSTOM_KIND = "interleave_kind";
export const CUSTOM_TARGET = "interleave_target";

const text = (max: number) => z.string().max(max);
/** A service or return URL from the platform: http(s) only (never javascript: or data:). */
const httpUrl = () => z.url({ protocol: /^https?$/ }).max(2000);

export const ResourceLinkClaimSchema = z.object({ id: text(255).min(1), title: text(500).nullish(), description: text(2000).nullish() });
export const ContextClaimSchema = z.object({ id: text(255).min(1), label: text(500).nullish(), title: text(500).nullish(), type: z.array(text(255)).nullish() });
export const AgsClaimSchema = z.object({ scope: z.array(text(255)).default([]), lineitems: httpUrl().nullish(), lineitem: httpUrl().nullish() });
export const NrpsClaimSchema = z.object({ context_memberships_url: httpUrl(), service_versions: z.array(text(20)).nullish() });
export const DeepLinkingSettingsSchema = z.object({
  deep_link_return_url: httpUrl(),
  accept_types: z.array(text(100)).min(1),
  accept_presentation_document_targets: z.array(text(50)).default([]),
  accept_multiple: z.boolean().nullish(),
  auto_create: z.boolean().nullish(),
  title: text(500).nullish(),
  text: text(2000).nullish(),
  data: text(4000).nullish(),
});

/**
 * The claims of a launch id_token that Interleave uses, after the signature and the standard claims (iss, aud, exp,
 * iat, nonce) were verified. Unknown claims are ignored, as the spec asks.
 */
export const LaunchClaimsSchema = z.object({
  iss: text(500),
  sub: text(255).min(1, "The launch names no user (sub is empty): anonymous launches are not supported."),
  nonce: text(255).min(1),
  name: text(300).nullish(),
  given_name: text(300).nullish(),
  family_name: text(300).nullish(),
  email: text(320).nullish(),
  [CLAIM.messageType]: z.enum(["LtiResourceLinkRequest", "LtiDeepLinkingRequest"], { error: "This kind of LTI message is not supported (only resource link and deep linking launches)." }),
  [CLAIM.version]: z.literal("1.3.0", { error: "Only LTI version 1.3.0 is supported." }),
  [CLAIM.deploymentId]: text(255).min(1),
  [CLAIM.targetLinkUri]: text(2000).nullish(),
  [CLAIM.roles]: z.array(text(500)),
  [CLAIM.resourceLink]: ResourceLinkClaimSchema.nullish(),
  [CLAIM.context]: ContextClaimSchema.nullish(),
  [CLAIM.custom]: z.record(z.string(), z.unknown()).nullish(),
  [CLAIM.launchPresentation]: z.object({ document_target: text(50).nullish(), return_url: text(2000).nullish() }).nullish(),
  [CLAIM.toolPlatform]: z.object({ name: text(300).nullish(), product_family_code: text(100).nullish() }).nullish(),
  [CLAIM.deepLinkingSettings]: DeepLinkingSettingsSchema.nullish(),
  [CLAIM.ags]: AgsClaimSchema.nullish(),
  [CLAIM.nrps]: NrpsClaimSchema.nullish(),
});
export type LaunchClaims = z.infer<typeof LaunchClaimsSchema>;

// ---- Roles ----
// LIS v2 context roles (https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies). Sub-roles such as
// membership/Instructor#TeachingAssistant count as their principal role. LTI 1.3 deprecates the short forms
// ("Instructor"), but some platforms still send them.

const MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership";
const TEACHING_ROLES = new Set(["Instructor", "Administrator", "ContentDeveloper"]);

export type ContextRole = "teacher" | "learner" | "other";

/** The principal context role of one role URI ("Instructor" for …/membership#Instructor and …/membership/Instructor#TeachingAssistant). */
function principal(role: string): string | null {
  if (role.startsWith(`${MEMBERSHIP}#`)) return role.slice(MEMBERSHIP.length + 1);
  if (role.startsWith(`${MEMBERSHIP}/`)) return role.slice(MEMBERSHIP.length + 1).split("#")[0] ?? null;
  if (/^[A-Za-z]+$/.test(role)) return role;
  return null;
}

/** Instructor (and administrators or content developers of the course) → teacher; Learner → learner; else other. */
export function contextRole(roles: readonly string[]): ContextRole {
  const principals = roles.map(principal);
  if (principals.some((p) => p !== null && TEACHING_ROLES.has(p))) return "teacher";
  if (principals.includes("Learner")) return "learner";
  return "other";
}

export const ROLE_URI = {
  instructor: `${MEMBERSHIP}#Instructor`,
  learner: `${MEMBERSHIP}#Learner`,
  teachingAssistant: `${MEMBERSHIP}/Instructor#TeachingAssistant`,
  mentor: `${MEMBERSHIP}#Mentor`,
} as const;

/** A line item or score URL with a path segment appended before its query (Moodle's line items carry ?type_id=…). */
export function appendPath(url: string, segment: string): string {
  const u = new URL(url);
  u.pathname = `${u.pathname.replace(/\/$/, "")}/${segment}`;
  return u.toString();
}

// ---- Accounts made for LMS users ----

/** The reserved domain (RFC 2606) of the addresses given to accounts made for LMS users (lib/data/lti.ts). */
export const LTI_EMAIL_DOMAIN = "lti.invalid";

/** The email to show for a user: an LMS account shows the address its LMS sent (unverified), or nothing. */
export function shownEmail(user: { email: string; ltiIdentities?: { email: string | null }[] }): string {
  if (!user.email.endsWith(`@${LTI_EMAIL_DOMAIN}`)) return user.email;
  return user.ltiIdentities?.find((i) => i.email)?.email ?? "";
}

/** The select that gives shownEmail what it needs. */
export const SHOWN_EMAIL_SELECT = { email: true, ltiIdentities: { select: { email: true }, take: 1 } } as const;
