/**
 * The site's Content-Security-Policy. Scripts come only from our origin; inline scripts only with a per-request
 * nonce (server-rendered pages) or, for pages prerendered at build time, with the SHA-256 of each inline script
 * (their HTML is fixed, so a nonce cannot be put in it). No eval, no plugins, no framing, forms and workers only to
 * ourselves. The Python worker has its own stricter CSP (lib/python/serve/headers.js).
 */
import { createHash } from "node:crypto";

export interface CspOptions {
  /** A fresh random value per request, for pages rendered per request. */
  nonce?: string;
  /** 'sha256-…' sources of the inline scripts of a prerendered page. */
  hashes?: readonly string[];
  /** `next dev` needs eval (React's debugging) and a websocket (hot reload). */
  dev?: boolean;
}

export function contentSecurityPolicy({ nonce, hashes = [], dev = false }: CspOptions): string {
  const script = ["'self'", ...(nonce ? [`'nonce-${nonce}'`] : []), ...hashes.map((h) => `'${h}'`), ...(dev ? ["'unsafe-eval'"] : [])];
  const directives: [string, string[]][] = [
    ["default-src", ["'self'"]],
    ["script-src", script],
    // React and Monaco set style attributes and inject <style> elements; styles cannot run code.
    ["style-src", ["'self'", "'unsafe-inline'"]],
    ["img-src", ["'self'", "data:", "blob:"]],
    ["font-src", ["'self'", "data:"]],
    ["connect-src", dev ? ["'self'", "ws:", "wss:"] : ["'self'"]],
    ["worker-src", ["'self'"]],
    ["manifest-src", ["'self'"]],
    ["media-src", ["'self'"]],
    ["frame-src", ["'none'"]],
    ["child-src", ["'self'"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'self'"]],
    ["form-action", ["'self'"]],
    ["frame-ancestors", ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(" ")}`).join("; ");
}

/** A random nonce (128 bits, base64), as the CSP spec recommends. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}

/**
 * The 'sha256-…' source of every inline <script> in an HTML document (scripts with a src are allowed by 'self';
 * JSON data blocks are not executed and need none). The hash is over the exact text between the tags.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1] ?? "";
    const body = match[2] ?? "";
    if (/\bsrc\s*=/i.test(attributes) || body.length === 0) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
    if (type && type !== "text/javascript" && type !== "module" && type !== "application/javascript") continue;
    hashes.add(`sha256-${createHash("sha256").update(body, "utf8").digest("base64")}`);
  }
  return [...hashes];
}

/** Prerendered pages and their inline-script hashes, written after `next build` and read by proxy.ts. */
export interface StaticCspManifest {
  buildId: string;
  /** URL path (e.g. "/" or "/learn/x/y") → hashes. */
  pages: Record<string, string[]>;
  /** The prerendered 404 page's hashes: added to every policy, since any path can answer with it. */
  notFound: string[];
}

/** `.next/server/app/learn/a/b.html` → "/learn/a/b"; `index.html` → "/". Null for files that are not pages. */
export function routeOfPrerenderedFile(relativePath: string): string | null {
  const p = relativePath.split("\\").join("/");
  if (!p.endsWith(".html")) return null;
  const route = "/" + p.slice(0, -".html".length);
  if (route === "/index") return "/";
  return route;
}
