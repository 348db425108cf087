/**
 * For vitest suites: serves Interleave's LTI route handlers (app/lti/*) on 127.0.0.1 without Next, so the simulated
 * platform can fetch our JWKS and a test can walk a launch over real HTTP. Only the handlers it is given are served.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;

export interface Route {
  method: string;
  /** A path pattern with :params, like /lti/deep-link/:session. */
  path: string;
  handler: Handler;
}

export async function startToolServer(routes: Route[]): Promise<{ origin: string; close(): Promise<void> }> {
  const compiled = routes.map((r) => ({ ...r, re: new RegExp(`^${r.path.replace(/:(\w+)/g, "(?<$1>[^/]+)")}$`) }));
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      const route = compiled.find((r) => r.method === req.method && r.re.test(url.pathname));
      if (!route) {
        res.writeHead(404).end("not found");
        return;
      }
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const request = new Request(url, { method: req.method, headers, body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks) });
      const params = (route.re.exec(url.pathname)?.groups ?? {}) as Record<string, string>;
      const response = await route.handler(request, { params: Promise.resolve(params) });
      const out: Record<string, string> = {};
      response.headers.forEach((v, k) => (out[k] = v));
      res.writeHead(response.status, out);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (err) {
      res.writeHead(500, { "Content-Type": "text/plain" }).end(String((err as Error)?.stack ?? err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
