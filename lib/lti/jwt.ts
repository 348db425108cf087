import "server-only";
import crypto from "node:crypto";
import { createRemoteJWKSet, decodeJwt, errors, importPKCS8, jwtVerify, SignJWT, type JWTPayload } from "jose";
import { LtiError } from "./errors";

/**
 * JSON Web Tokens in LTI 1.3 (IMS Security Framework 1.0), through `jose`: verifying a platform's id_token against
 * its published keys, and signing our own messages (deep linking responses, OAuth 2 client assertions) with our key.
 */

/** Platforms' key sets, one per URL per process: jose caches the keys and refetches when a token names an unknown kid. */
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function remoteKeySet(url: string) {
  let set = keySets.get(url);
  if (!set) {
    set = createRemoteJWKSet(new URL(url), { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
    keySets.set(url, set);
  }
  return set;
}

export interface PlatformForVerification {
  issuer: string;
  clientId: string;
  keysetUrl: string;
  name: string;
}

/** Clock skew allowed between the platform and us, and the oldest id_token accepted (by its iat). */
export const CLOCK_TOLERANCE_S = 60;
export const MAX_TOKEN_AGE_S = 10 * 60;

/** The unverified claims of a JWT, for finding which platform sent it; null when it is not a JWT at all. */
export function peekClaims(token: string): JWTPayload | null {
  try {
    return decodeJwt(token);
  } catch {
    return null;
  }
}

function audiences(payload: JWTPayload): string[] {
  return Array.isArray(payload.aud) ? payload.aud : typeof payload.aud === "string" ? [payload.aud] : [];
}

/**
 * Verifies an id_token from `platform` (Security Framework §5.1.3): RS256 signature by a key in the platform's
 * JWKS, iss = the platform's issuer, aud contains our client id (and azp names us when there are several
 * audiences, or whenever present), exp in the future, iat recent. The nonce is checked by the caller against the
 * login state. Throws LtiError with the reason.
 */
export async function verifyIdToken(token: string, platform: PlatformForVerification, now = new Date()): Promise<JWTPayload> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, remoteKeySet(platform.keysetUrl), {
      algorithms: ["RS256"],
      issuer: platform.issuer,
      audience: platform.clientId,
      clockTolerance: CLOCK_TOLERANCE_S,
      maxTokenAge: MAX_TOKEN_AGE_S,
      currentDate: now,
      requiredClaims: ["iss", "sub", "aud", "exp", "iat", "nonce"],
    }));
  } catch (err) {
    throw refusalFor(err, token, platform);
  }
  const aud = audiences(payload);
  if ((aud.length > 1 || payload.azp !== undefined) && payload.azp !== platform.clientId) {
    throw new LtiError("wrong_audience", `This launch names several audiences but its authorized party (azp) is not Interleave's client id on ${platform.name}.`, { azp: payload.azp, aud });
  }
  return payload;
}

function refusalFor(err: unknown, token: string, platform: PlatformForVerification): LtiError {
  const claims = peekClaims(token);
  if (err instanceof errors.JWTExpired) {
    return new LtiError("expired", "This launch has expired. Go back to your course and open the link again.", { exp: claims?.exp });
  }
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === "aud") {
      return new LtiError("wrong_audience", `This launch was meant for another tool: its audience is not Interleave's client id on ${platform.name}.`, { aud: claims?.aud, expected: platform.clientId });
    }
    if (err.claim === "iss") return new LtiError("wrong_issuer", `This launch was not issued by ${platform.name}.`, { iss: claims?.iss });
    if (err.claim === "iat") return new LtiError("expired", "This launch is too old. Go back to your course and open the link again.", { iat: claims?.iat, reason: err.reason });
    return new LtiError("bad_claims", `The launch is missing or has an invalid "${err.claim}" claim.`, { claim: err.claim, reason: err.reason });
  }
  if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) {
    return new LtiError("bad_signature", `This launch's signature does not match ${platform.name}'s published keys, so it cannot be trusted.`, { error: err.code });
  }
  if (err instanceof errors.JOSEAlgNotAllowed) {
    return new LtiError("bad_signature", "This launch is not signed with RS256, as LTI 1.3 requires.", { error: err.code });
  }
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid || (err instanceof errors.JOSEError && err.code === "ERR_JOSE_GENERIC") || err instanceof TypeError) {
    return new LtiError("platform_unreachable", `Interleave could not read ${platform.name}'s public keys to verify this launch. Try again in a minute; if it keeps failing, ask your administrator to check the platform's key set URL.`, { keysetUrl: platform.keysetUrl, error: String((err as Error).message) });
  }
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) {
    return new LtiError("bad_request", "The launch token is malformed.", { error: err.code });
  }
  return new LtiError("bad_signature", "The launch could not be verified.", { error: String((err as Error)?.message ?? err) });
}

// ---- Our own tokens ----

export interface SigningKey {
  kid: string;
  /** PKCS#8 PEM. */
  privateKeyPem: string;
}

const importedKeys = new Map<string, Promise<CryptoKey>>();

function privateKey(key: SigningKey) {
  let k = importedKeys.get(key.kid);
  if (!k) {
    k = importPKCS8(key.privateKeyPem, "RS256");
    importedKeys.set(key.kid, k);
  }
  return k;
}

/** A JWT signed with our key (RS256, the key's kid in the header). `expiresInS` defaults to 5 minutes. */
export async function signToolJwt(payload: JWTPayload, key: SigningKey, { expiresInS = 300, now = new Date() } = {}): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" })
    .setIssuedAt(iat)
    .setExpirationTime(iat + expiresInS)
    .setJti(crypto.randomUUID())
    .sign(await privateKey(key));
}

/** The OAuth 2 client assertion for the token endpoint (RFC 7523; Security Framework §4.1). */
export function clientAssertion(platform: { clientId: string; authTokenUrl: string; tokenAudience: string | null }, key: SigningKey, now = new Date()): Promise<string> {
  return signToolJwt({ iss: platform.clientId, sub: platform.clientId, aud: platform.tokenAudience || platform.authTokenUrl }, key, { expiresInS: 300, now });
}
