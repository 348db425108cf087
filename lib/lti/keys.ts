import "server-only";
import crypto from "node:crypto";
import { exportJWK, exportPKCS8, generateKeyPair, type JWK } from "jose";

/**
 * Our RS256 key pairs. Private keys are stored encrypted (AES-256-GCM under a key derived from AUTH_SECRET with
 * HKDF), so a database dump alone does not let anyone sign as Interleave. Rotation timing lives in lib/data/lti.ts.
 */

export const KEY_ROTATION = {
  /** A new key is published this long before it starts signing, so platforms that cache our JWKS see it first. */
  prepublishMs: 24 * 3600_000,
  /** A replaced key stays in the JWKS this long after its successor took over (tokens we signed are short-lived). */
  graceMs: 24 * 3600_000,
  /** Keys older than this are rotated automatically (by the LTI worker). */
  maxAgeMs: 90 * 24 * 3600_000,
} as const;

function wrappingKey(secret: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", secret, "interleave-lti-keys", "lti private key v1", 32));
}

export function encryptPrivateKey(pem: string, secret: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", wrappingKey(secret), iv);
  const body = Buffer.concat([cipher.update(pem, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** The PEM, or null when it was encrypted under another secret (AUTH_SECRET changed) or is damaged. */
export function decryptPrivateKey(stored: string, secret: string): string | null {
  const [version, iv, tag, body] = stored.split(".");
  if (version !== "v1" || !iv || !tag || !body) return null;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", wrappingKey(secret), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

export interface NewKey {
  kid: string;
  publicJwk: JWK;
  privateKeyPem: string;
}

export async function generateSigningKey(): Promise<NewKey> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const kid = `${new Date().toISOString().slice(0, 10)}-${crypto.randomBytes(6).toString("base64url")}`;
  const jwk = await exportJWK(publicKey);
  return { kid, publicJwk: { ...jwk, kid, alg: "RS256", use: "sig" }, privateKeyPem: await exportPKCS8(privateKey) };
}
