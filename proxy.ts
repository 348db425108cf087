import fs from "node:fs";
import path from "node:path";
import { NextResponse, type NextRequest } from "next/server";
import { checkActionRequest } from "@/lib/security/action-request";
import { log } from "@/lib/log";
import { contentSecurityPolicy, createNonce, type StaticCspManifest } from "@/lib/security/csp";

/**
 * Every page gets a Content-Security-Policy. Pages prerendered at build time are fixed HTML: their inline scripts
 * are allowed by hash (scripts/csp-manifest.ts lists them per path). Pages rendered per request get a fresh nonce,
 * passed to Next in the request's CSP header, which Next puts on every script it renders.
 */
const dev = process.env.NODE_ENV !== "production";
let manifest: StaticCspManifest | null | undefined;

let header = "Content-Security-Policy";

function staticManifest(): StaticCspManifest | null {
  if (manifest !== undefined) return manifest;
  try {
    const next = path.join(process.cwd(), ".next");
    const read = JSON.parse(fs.readFileSync(path.join(next, "csp-manifest.json"), "utf8")) as StaticCspManifest;
    const buildId = fs.readFileSync(path.join(next, "BUILD_ID"), "utf8").trim();
    manifest = read.buildId === buildId ? read : null;
  } catch {
    manifest = null;
  }
  if (!manifest && !dev) {
    // Built with plain `next build` (no hashes, or hashes of another build): enforcing would block the prerendered
    // pages' scripts, so the policy is only reported until the app is built with `npm run build`.
    header = "Content-Security-Policy-Report-Only";
    log.error("csp.manifest_missing", { hint: "build with `npm run build` (it hashes the prerendered pages' inline scripts); the CSP is report-only until then" });
  }
  return manifest;
}

export async function proxy(request: NextRequest) {
  if (request.method === "POST" && request.headers.has("next-action")) {
    const refusal = await checkActionRequest(request);
    if (refusal) return new NextResponse(refusal.message, { status: refusal.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const pathname = request.nextUrl.pathname.replace(/\/$/, "") || "/";
  const prerendered = dev ? undefined : staticManifest()?.pages[pathname];
  if (prerendered) {
    const response = NextResponse.next();
    response.headers.set(header, contentSecurityPolicy({ hashes: [...prerendered, ...(staticManifest()?.notFound ?? [])] }));
    return response;
  }
  const nonce = createNonce();
  const policy = contentSecurityPolicy({ nonce, hashes: staticManifest()?.notFound ?? [], dev });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set(header, policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not the API (JSON), the LTI endpoints (they set their own CSP: an LMS frames them), Next's static
      // files, the Python runtime, or files in public/.
      source: "/((?!api/|lti/|_next/static|_next/image|runtime/|pyodide/|theme-init\\.js|sw\\.js|icon\\.svg|favicon\\.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
