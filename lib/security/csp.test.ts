import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, inlineScriptHashes, routeOfPrerenderedFile } from "./csp";

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe("the site's Content-Security-Policy", () => {
  it("allows scripts only from our origin and the nonce, with no inline or eval escape hatch", () => {
    const d = directives(contentSecurityPolicy({ nonce: "abc123" }));
    expect(d.get("script-src")).toEqual(["'self'", "'nonce-abc123'"]);
    for (const [name, values] of d) {
      if (name === "style-src") continue;
      expect(values, name).not.toContain("'unsafe-inline'");
      expect(values, name).not.toContain("'unsafe-eval'");
      expect(values.some((v) => v === "*" || v.startsWith("http")), name).toBe(false);
    }
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("connect-src")).toEqual(["'self'"]);
    expect(d.get("worker-src")).toEqual(["'self'"]);
  });

  it("lists hashes for prerendered pages and relaxes only what next dev needs", () => {
    expect(directives(contentSecurityPolicy({ hashes: ["sha256-x", "sha256-y"] })).get("script-src")).toEqual(["'self'", "'sha256-x'", "'sha256-y'"]);
    const dev = directives(contentSecurityPolicy({ nonce: "n", dev: true }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("connect-src")).toContain("ws:");
  });

  it("makes unpredictable nonces", () => {
    const a = createNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(createNonce()).not.toBe(a);
  });

  it("hashes exactly the inline scripts a browser would run", () => {
    const html = `<html><head><script src="/theme-init.js"></script><script>self.__next_f=[]</script>
      <script type="application/json">{"not":"run"}</script><script async="">console.log(1)</script><script></script>
      <script type="module">import("x")</script></head></html>`;
    const sha = (s: string) => `sha256-${createHash("sha256").update(s).digest("base64")}`;
    expect(inlineScriptHashes(html).sort()).toEqual([sha("self.__next_f=[]"), sha("console.log(1)"), sha('import("x")')].sort());
  });

  it("maps prerendered files to their URL paths", () => {
    expect(routeOfPrerenderedFile("index.html")).toBe("/");
    expect(routeOfPrerenderedFile("learn/a/b.html")).toBe("/learn/a/b");
    expect(routeOfPrerenderedFile("_not-found.html")).toBe("/_not-found");
    expect(routeOfPrerenderedFile("learn/a/b.rsc")).toBeNull();
  });
});
