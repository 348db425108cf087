import "server-only";
import { log } from "@/lib/log";
import { LtiError } from "./errors";
import { refusalPage } from "./html";

/** Helpers shared by the LTI route handlers (app/lti/*). */

/** This server's origin as the browser sees it (behind a proxy: X-Forwarded-Proto/Host). Used for redirect_uri and links. */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  return originFromHeaders(request.headers, url.protocol.replace(":", ""), url.host);
}

/** The same from a server component's headers(). */
export function originFromHeaders(headers: Headers, fallbackProto = "http", fallbackHost = "localhost"): string {
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || fallbackProto;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host") || fallbackHost;
  return `${proto === "https" ? "https" : "http"}://${host}`;
}

export const LAUNCH_PATH = "/lti/launch";
export const LOGIN_PATH = "/lti/login";
export const JWKS_PATH = "/lti/jwks";

/** A form post's fields (urlencoded or multipart) as strings; null when the body is not a form. */
export async function formFields(request: Request): Promise<Record<string, string | string[]> | null> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return null;
  let data: FormData;
  try {
    data = await request.formData();
  } catch {
    return null;
  }
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of data.entries()) {
    if (typeof value !== "string") continue;
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/** The state cookie ties the launch to the browser that started the login (login CSRF). One per login, so two tabs do not clash. */
export function stateCookieName(state: string): string {
  return `lti-state-${state.slice(0, 24)}`;
}

export function stateCookie(origin: string, state: string, maxAgeS = 600): string {
  const secure = origin.startsWith("https://");
  // The launch is a cross-site form post from the LMS: on https the cookie must be SameSite=None (and Partitioned,
  // so it still works inside the LMS frame where third-party cookies are blocked). Plain http is only for loopback.
  const attrs = secure ? "Secure; SameSite=None; Partitioned" : "SameSite=Lax";
  return `${stateCookieName(state)}=1; Path=/lti/; Max-Age=${maxAgeS}; HttpOnly; ${attrs}`;
}

export function hasStateCookie(request: Request, state: string): boolean {
  const name = stateCookieName(state);
  return (request.headers.get("cookie") ?? "").split(/;\s*/).some((c) => c.split("=")[0] === name);
}

/** Logs the refusal (warn, with the reason code) and answers with a page that says what to do. */
export function refuse(request: Request, event: string, err: unknown): Response {
  const origin = requestOrigin(request);
  if (err instanceof LtiError) {
    log.warn(event, { reason: err.reason, status: err.status, message: err.message, ...err.details });
    return refusalPage(origin, err.status, err.reason, err.message);
  }
  throw err;
}
