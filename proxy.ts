import fs from "node:fs";
import path from "node:path";
import { NextResponse, type NextRequest } from "next/server";
import { checkActionRequest } from "@/lib/security/action-request";
import { contentSecurityPolicy, createNonce, type StaticCspManifest } from "@/lib/security/csp";

/**
 * Every page gets a Content-Security-Policy. Pages prerendered at build time are fixed HTML: their inline scripts
 * are allowed by hash (scripts/csp-manifest.ts lists them per path). Pages rendered per request get a fresh nonce,
 * passed to Next in the request's CSP header, which Next puts on every script it renders.
 */
const dev = process.env.NODE_ENV !== "production";
let manifest: StaticCspManifest | null | undefined;

function staticManifest(): StaticCspManifest | null {
  if (manifest !== undefined) return manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), ".next", "csp-manifest.json"), "utf8")) as StaticCspManifest;
  } catch {
    // `next dev`, or a build made without the manifest step: every page gets a nonce.
    manifest = null;
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
    response.headers.set("Content-Security-Policy", contentSecurityPolicy({ hashes: [...prerendered, ...(staticManifest()?.notFound ?? [])] }));
    return response;
  }
  const nonce = createNonce();
  const policy = contentSecurityPolicy({ nonce, hashes: staticManifest()?.notFound ?? [], dev });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not the API (JSON), Next's static files, the Python runtime, or files in public/.
      source: "/((?!api/|_next/static|_next/image|runtime/|pyodide/|theme-init\\.js|sw\\.js|icon\\.svg|favicon\\.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
