import "server-only";
import crypto from "node:crypto";

/**
 * The few HTML pages the LTI endpoints answer with (inside the LMS frame or right after a cross-site form post):
 * refusals, "open in a new window", the deep linking picker and the form that posts the teacher's choice back. They
 * are route-handler responses, so they carry their own Content-Security-Policy: a nonce for their one style and
 * script, frames allowed (an LMS embeds them), and form posts to the platform where one is needed.
 */

export class SafeHtml {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return "";
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join("");
  return escapeHtml(String(part));
}

/** HTML with every interpolated value escaped (SafeHtml and arrays of it are inserted as they are). */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]) : ""), ""));
}

const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--accent:#0b5cad;--accent-fg:#fff;--bad:#a40e26;--card:#f6f8fa}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9da7b3;--line:#30363d;--accent:#4493f8;--accent-fg:#0d1117;--bad:#ff7b72;--card:#161b22}}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--fg)}
main{max-width:44rem;margin:0 auto;padding:1.5rem 1rem 3rem}h1{font-size:1.4rem;margin:.2rem 0 .8rem}h2{font-size:1.05rem;margin:1.4rem 0 .4rem}
p{margin:.5rem 0}.muted{color:var(--muted)}.brand{font-weight:600;color:var(--muted);font-size:.9rem;margin:0}
.button{display:inline-block;padding:.6rem 1.1rem;border-radius:.4rem;border:1px solid var(--accent);background:var(--accent);color:var(--accent-fg);font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
.button.secondary{background:transparent;color:var(--accent)}
a{color:var(--accent)}:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.notice{border:1px solid var(--line);background:var(--card);border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}
.refusal{border-left:4px solid var(--bad)}code{font-size:.85em}
fieldset{border:1px solid var(--line);border-radius:.5rem;margin:.8rem 0;padding:.5rem 1rem}legend{font-weight:600;padding:0 .3rem}
label.pick{display:flex;gap:.6rem;align-items:baseline;padding:.3rem 0}label.pick.chapter{font-weight:600}
.actions{display:flex;gap:.75rem;flex-wrap:wrap;margin-top:1.2rem;align-items:center}
`;

export interface PageOptions {
  title: string;
  body: SafeHtml;
  status?: number;
  /** Origins the page may post forms to (the platform's deep-link return URL). */
  formAction?: string[];
  /** Inline script (gets the nonce). */
  script?: string;
  /** Our own origin; loopback http origins may be framed by loopback LMSs under test. */
  origin: string;
  headers?: Record<string, string>;
}

/** Who may frame LTI pages: any https site (schools' LMS domains are not known in advance), and loopback in development. */
function frameAncestors(origin: string): string {
  const local = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(origin);
  return ["https:", ...(local ? ["http://127.0.0.1:*", "http://localhost:*"] : [])].join(" ");
}

export function page({ title, body, status = 200, formAction = [], script, origin, headers = {} }: PageOptions): Response {
  const nonce = crypto.randomBytes(16).toString("base64");
  const csp = [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    "img-src 'self' data:",
    `form-action 'self' ${formAction.join(" ")}`.trim(),
    `frame-ancestors ${frameAncestors(origin)}`,
    "base-uri 'none'",
  ].join("; ");
  const doc = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="strict-origin">
<title>${title} · Interleave</title>
<style nonce="${nonce}">${new SafeHtml(STYLE)}</style>
</head>
<body>
<main id="main">
<p class="brand">Interleave</p>
${body}
</main>
${script ? new SafeHtml(`<script nonce="${nonce}">${script}</script>`) : ""}
</body>
</html>`;
  return new Response(doc.value, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": csp,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin",
      ...headers,
    },
  });
}

/** A refusal: what happened, what to do, and the reason code (also in the log line). */
export function refusalPage(origin: string, status: number, reason: string, message: string): Response {
  return page({
    origin,
    status,
    title: "This link could not be opened",
    body: html`<h1>This link could not be opened</h1>
<div class="notice refusal" role="alert"><p>${message}</p></div>
<p class="muted">If it keeps happening, tell your teacher or your LMS administrator, and give them this code: <code>${reason}</code>.</p>`,
  });
}
