import "server-only";
import { z } from "zod";
import { appendPath, MEDIA, SCOPE } from "./claims";
import { clientAssertion, type SigningKey } from "./jwt";
import type { LtiScore } from "./score";

/**
 * Calls to a platform's LTI Advantage services: OAuth 2 access tokens (client credentials with a signed JWT
 * assertion), Assignment and Grade Services 2.0 (line items and scores) and Names and Role Provisioning Services 2.0
 * (the roster). Every call has a timeout and fails with a ServiceError that says what the platform answered.
 */

export interface ServicePlatform {
  id: string;
  clientId: string;
  authTokenUrl: string;
  tokenAudience: string | null;
}

export class ServiceError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = "ServiceError";
  }
  /** 401/403 may be a stale token; 408, 429 and 5xx are the platform's passing trouble. */
  get retryable(): boolean {
    return this.status === null || this.status === 401 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

const TIMEOUT_MS = 10_000;

async function call(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: "error", signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    throw new ServiceError(`Could not reach ${new URL(url).host}: ${(err as Error).message}`, null);
  }
}

async function failure(what: string, res: Response): Promise<ServiceError> {
  const body = (await res.text().catch(() => "")).replace(/\s+/g, " ").slice(0, 200);
  return new ServiceError(`${what}: the platform answered ${res.status}${body ? ` (${body})` : ""}`, res.status);
}

// ---- Access tokens, cached per platform and scope set until shortly before they expire ----

const TokenResponseSchema = z.object({ access_token: z.string().min(1), token_type: z.string().optional(), expires_in: z.coerce.number().optional() });
const tokens = new Map<string, { token: string; expiresAt: number }>();

export function forgetTokens(platformId: string): void {
  for (const key of tokens.keys()) if (key.startsWith(`${platformId} `)) tokens.delete(key);
}

export async function accessToken(platform: ServicePlatform, scopes: string[], key: SigningKey, now = Date.now()): Promise<string> {
  const scope = [...new Set(scopes)].sort().join(" ");
  const cacheKey = `${platform.id} ${scope}`;
  const cached = tokens.get(cacheKey);
  if (cached && cached.expiresAt > now) return cached.token;
  const res = await call(platform.authTokenUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: await clientAssertion(platform, key, new Date(now)),
      scope,
    }),
  });
  if (!res.ok) throw await failure("Getting an access token failed", res);
  const parsed = TokenResponseSchema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new ServiceError("The platform's token endpoint answered without an access_token.", res.status);
  const lifetime = Math.max(30, (parsed.data.expires_in ?? 3600) - 60) * 1000;
  tokens.set(cacheKey, { token: parsed.data.access_token, expiresAt: now + lifetime });
  return parsed.data.access_token;
}

// ---- Assignment and Grade Services ----

const LineItemSchema = z.object({ id: z.url(), resourceLinkId: z.string().nullish(), resourceId: z.string().nullish(), tag: z.string().nullish() });

/** The line item of a link: found in the container by resource link, or created there. */
export async function findOrCreateLineItem(
  lineItemsUrl: string,
  token: string,
  item: { resourceLinkId: string; label: string; scoreMaximum: number; resourceId: string },
): Promise<string> {
  const listUrl = new URL(lineItemsUrl);
  listUrl.searchParams.set("resource_link_id", item.resourceLinkId);
  const list = await call(listUrl.toString(), { headers: { Authorization: `Bearer ${token}`, Accept: MEDIA.lineItems } });
  if (list.ok) {
    const items = z.array(LineItemSchema).safeParse(await list.json().catch(() => null));
    const found = items.success ? items.data.find((li) => li.resourceLinkId === item.resourceLinkId) : undefined;
    if (found) return found.id;
  }
  const res = await call(lineItemsUrl, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": MEDIA.lineItem, Accept: MEDIA.lineItem },
    body: JSON.stringify({ scoreMaximum: item.scoreMaximum, label: item.label, resourceLinkId: item.resourceLinkId, resourceId: item.resourceId, tag: "interleave" }),
  });
  if (!res.ok) throw await failure("Creating the gradebook column failed", res);
  const created = LineItemSchema.safeParse(await res.json().catch(() => null));
  if (!created.success) throw new ServiceError("The platform created a line item but did not say its URL.", res.status);
  return created.data.id;
}

/** Posts a score to `<lineitem>/scores` (AGS 2.0 §3.4). `timestamp` must grow from one post to the next. */
export async function postScore(lineItemUrl: string, token: string, userId: string, score: LtiScore, timestamp: Date): Promise<void> {
  const res = await call(appendPath(lineItemUrl, "scores"), {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": MEDIA.score },
    body: JSON.stringify({ userId, ...score, timestamp: timestamp.toISOString() }),
  });
  if (!res.ok) throw await failure("Sending the score failed", res);
}

export const AGS_SCOPES = [SCOPE.score, SCOPE.lineItem, SCOPE.lineItemReadOnly];

// ---- Names and Role Provisioning Services ----

const MemberSchema = z.object({
  user_id: z.string().min(1).max(255),
  roles: z.array(z.string().max(500)).default([]),
  status: z.string().max(50).nullish(),
  name: z.string().max(300).nullish(),
  given_name: z.string().max(300).nullish(),
  family_name: z.string().max(300).nullish(),
  email: z.string().max(320).nullish(),
});
const MembershipContainerSchema = z.object({ members: z.array(z.unknown()).default([]) });

export type Member = z.infer<typeof MemberSchema>;

/** rel="next" of an RFC 8288 Link header. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(",")) {
    const m = /<([^>]+)>\s*;(.*)$/.exec(part.trim());
    if (m && /\brel\s*=\s*"?next"?/i.test(m[2]!)) return m[1]!;
  }
  return null;
}

/** Every member of a context, following the platform's pages (at most `maxPages`). Malformed members are skipped. */
export async function fetchMembers(membershipsUrl: string, token: string, maxPages = 50): Promise<{ members: Member[]; skipped: number }> {
  const members: Member[] = [];
  let skipped = 0;
  let url: string | null = membershipsUrl;
  const origin = new URL(membershipsUrl).origin;
  for (let page = 0; url && page < maxPages; page++) {
    const res = await call(url, { headers: { Authorization: `Bearer ${token}`, Accept: MEDIA.memberships } });
    if (!res.ok) throw await failure("Reading the course roster failed", res);
    const body = MembershipContainerSchema.safeParse(await res.json().catch(() => null));
    if (!body.success) throw new ServiceError("The roster the platform sent is not a membership container.", res.status);
    for (const raw of body.data.members) {
      const m = MemberSchema.safeParse(raw);
      if (m.success) members.push(m.data);
      else skipped += 1;
    }
    const next = nextLink(res.headers.get("link"));
    // Pages stay on the platform's own host.
    url = next && new URL(next, url).origin === origin ? new URL(next, url).toString() : null;
  }
  return { members, skipped };
}
