/**
 * A small simulated LMS that speaks LTI 1.3 with LTI Advantage, for tests only (e2e/lti.spec.ts and the vitest
 * suites in lib/lti). It runs on 127.0.0.1 with its own RSA key and has what a real platform has toward a tool:
 * course pages that embed launches, an OIDC authorization endpoint that form-posts a signed id_token, an OAuth 2 token
 * endpoint that checks the tool's signed client assertion against the tool's JWKS, Assignment and Grade Services
 * (line items, scores), Names and Role Provisioning Services (a paged roster), and a deep linking return endpoint
 * that verifies the tool's response and places its links in the course. A test can make the next id_token bad in a
 * chosen way (signature, audience, expiry, deployment) or re-post a launch it saw.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK } from "jose";

const LTI = "https://purl.imsglobal.org/spec/lti/claim/";
const ROLE = {
  instructor: "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
  learner: "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
};

export interface SimUser {
  id: string;
  name: string;
  email: string;
  role: "instructor" | "learner";
  /** In the roster only: never launches. */
  status?: "Active" | "Inactive";
}

export interface SimLink {
  id: string;
  title: string;
  custom: Record<string, string>;
  lineItemId: string | null;
}

export interface SimScore {
  lineItemId: string;
  userId: string;
  scoreGiven?: number;
  scoreMaximum?: number;
  activityProgress: string;
  gradingProgress: string;
  timestamp: string;
}

export type Tamper = "bad-signature" | "wrong-audience" | "expired" | "unknown-deployment" | null;

interface Message {
  kind: "resource" | "deep";
  userId: string;
  linkId?: string;
}

export interface SimPlatform {
  url: string;
  issuer: string;
  clientId: string;
  deploymentId: string;
  contextId: string;
  registration: { name: string; issuer: string; clientId: string; authLoginUrl: string; authTokenUrl: string; keysetUrl: string; deploymentIds: string[] };
  users: Map<string, SimUser>;
  links: SimLink[];
  lineItems: Map<string, { id: string; label: string; scoreMaximum: number; resourceLinkId?: string; resourceId?: string }>;
  scores: SimScore[];
  /** Token requests seen (scopes asked), and the launches posted (to replay one). */
  tokenRequests: string[];
  launches: { idToken: string; state: string }[];
  deepLinkResponses: unknown[];
  /** Makes the next id_token bad in this way. */
  tamperNext(t: Tamper): void;
  /** The URL that starts a launch in the tool (what an LMS puts in its iframe). */
  loginUrl(message: Message): string;
  /** Fails the next `n` score posts with `status` (retry tests). */
  failScores(n: number, status?: number): void;
  close(): Promise<void>;
}

function htmlEscape(s: string) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function autoPost(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${htmlEscape(k)}" value="${htmlEscape(v)}">`)
    .join("");
  return `<!doctype html><html><body><form method="post" action="${htmlEscape(action)}">${inputs}<noscript><button>Continue</button></noscript></form><script>document.forms[0].submit()</script></body></html>`;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startSimPlatform(options: { toolOrigin: string; users?: SimUser[]; name?: string }): Promise<SimPlatform> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const rogue = await generateKeyPair("RS256");
  const kid = "sim-key-1";
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  const toolKeys = createRemoteJWKSet(new URL(`${options.toolOrigin}/lti/jwks`), { cooldownDuration: 0 });
  const messages = new Map<string, Message>();
  const accessTokens = new Map<string, { scope: string; expires: number }>();
  let tamper: Tamper = null;
  let scoreFailures = { n: 0, status: 503 };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(String((err as Error)?.stack ?? err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const sim: SimPlatform = {
    url,
    issuer: url,
    clientId: "interleave-sim-client",
    deploymentId: "sim-deployment-1",
    contextId: "course-101",
    registration: {
      name: options.name ?? "Simulated LMS",
      issuer: url,
      clientId: "interleave-sim-client",
      authLoginUrl: `${url}/auth`,
      authTokenUrl: `${url}/token`,
      keysetUrl: `${url}/jwks`,
      deploymentIds: ["sim-deployment-1"],
    },
    users: new Map((options.users ?? []).map((u) => [u.id, u])),
    links: [],
    lineItems: new Map(),
    scores: [],
    tokenRequests: [],
    launches: [],
    deepLinkResponses: [],
    tamperNext: (t) => void (tamper = t),
    failScores: (n, status = 503) => void (scoreFailures = { n, status }),
    loginUrl(message) {
      const hint = crypto.randomBytes(8).toString("hex");
      messages.set(hint, message);
      const u = new URL(`${options.toolOrigin}/lti/login`);
      u.searchParams.set("iss", url);
      u.searchParams.set("login_hint", message.userId);
      u.searchParams.set("target_link_uri", `${options.toolOrigin}/lti/launch`);
      u.searchParams.set("lti_message_hint", hint);
      u.searchParams.set("client_id", sim.clientId);
      u.searchParams.set("lti_deployment_id", sim.deploymentId);
      return u.toString();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const agsBase = `${url}/ags/${sim.contextId}`;

  async function idTokenFor(message: Message, nonce: string): Promise<string> {
    const user = sim.users.get(message.userId);
    if (!user) throw new Error(`unknown user ${message.userId}`);
    const t = tamper;
    tamper = null;
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      nonce,
      name: user.name,
      email: user.email,
      [`${LTI}message_type`]: message.kind === "deep" ? "LtiDeepLinkingRequest" : "LtiResourceLinkRequest",
      [`${LTI}version`]: "1.3.0",
      [`${LTI}deployment_id`]: t === "unknown-deployment" ? "someone-elses-deployment" : sim.deploymentId,
      [`${LTI}target_link_uri`]: `${options.toolOrigin}/lti/launch`,
      [`${LTI}roles`]: [user.role === "instructor" ? ROLE.instructor : ROLE.learner],
      [`${LTI}context`]: { id: sim.contextId, label: "CS101", title: "Concurrency, Spring term", type: ["http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"] },
      [`${LTI}tool_platform`]: { name: sim.registration.name, product_family_code: "sim" },
      [`${LTI}launch_presentation`]: { document_target: "iframe" },
      "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": { context_memberships_url: `${url}/nrps/${sim.contextId}/memberships`, service_versions: ["2.0"] },
    };
    if (message.kind === "deep") {
      claims["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] = {
        deep_link_return_url: `${url}/deep-link-return`,
        accept_types: ["ltiResourceLink"],
        accept_presentation_document_targets: ["iframe", "window"],
        accept_multiple: false,
        data: "sim-opaque-data",
      };
    } else {
      const link = sim.links.find((l) => l.id === message.linkId);
      if (!link) throw new Error(`unknown link ${message.linkId}`);
      claims[`${LTI}resource_link`] = { id: link.id, title: link.title };
      claims[`${LTI}custom`] = link.custom;
      claims["https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"] = {
        scope: ["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem", "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly", "https://purl.imsglobal.org/spec/lti-ags/scope/score"],
        lineitems: `${agsBase}/lineitems`,
        ...(link.lineItemId ? { lineitem: `${agsBase}/lineitems/${link.lineItemId}?type=sim` } : {}),
      };
    }
    const iat = t === "expired" ? now - 3600 : now;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
      .setIssuer(url)
      .setSubject(user.id)
      .setAudience(t === "wrong-audience" ? "some-other-tool" : sim.clientId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 300)
      .sign(t === "bad-signature" ? rogue.privateKey : privateKey);
  }

  function bearer(req: http.IncomingMessage, scope: string): boolean {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const t = token && accessTokens.get(token);
    return Boolean(t && t.expires > Date.now() && t.scope.split(" ").includes(scope));
  }

  function send(res: http.ServerResponse, status: number, body: unknown, type = "application/json", headers: Record<string, string> = {}) {
    res.writeHead(status, { "Content-Type": type, ...headers });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const u = new URL(req.url ?? "/", url);
    const path = u.pathname;
    if (path === "/jwks") return send(res, 200, { keys: [jwk] });

    // An LMS course page: the tool embedded in a frame, as Canvas and Moodle do by default.
    const course = /^\/course\/([^/]+)$/.exec(path);
    if (course && req.method === "GET") {
      const user = sim.users.get(decodeURIComponent(course[1]!));
      if (!user) return send(res, 404, "no such user", "text/plain");
      const frame = u.searchParams.get("frame");
      const src = frame === "deep" ? sim.loginUrl({ kind: "deep", userId: user.id }) : frame ? sim.loginUrl({ kind: "resource", userId: user.id, linkId: frame }) : null;
      const links = sim.links.map((l) => `<li><a href="/course/${encodeURIComponent(user.id)}?frame=${encodeURIComponent(l.id)}">${htmlEscape(l.title)}</a></li>`).join("");
      return send(
        res,
        200,
        `<!doctype html><html lang="en"><head><title>Simulated LMS</title></head><body><h1>Concurrency, Spring term</h1><p>Signed in as ${htmlEscape(user.name)}</p>` +
          `<ul id="links">${links}</ul>` +
          (user.role === "instructor" ? `<p><a href="/course/${encodeURIComponent(user.id)}?frame=deep">Add external tool content</a></p>` : "") +
          (src ? `<iframe id="tool" title="Interleave" src="${htmlEscape(src)}" style="width:100%;height:640px" allow="clipboard-write"></iframe>` : "") +
          `</body></html>`,
        "text/html; charset=utf-8",
      );
    }

    // OIDC authorization endpoint: checks the tool's authentication request, answers with a form post of the id_token.
    if (path === "/auth" && req.method === "GET") {
      const q = u.searchParams;
      const problems = [
        q.get("scope") !== "openid" && "scope",
        q.get("response_type") !== "id_token" && "response_type",
        q.get("response_mode") !== "form_post" && "response_mode",
        q.get("prompt") !== "none" && "prompt",
        q.get("client_id") !== sim.clientId && "client_id",
        q.get("redirect_uri") !== `${options.toolOrigin}/lti/launch` && "redirect_uri",
        !q.get("state") && "state",
        !q.get("nonce") && "nonce",
      ].filter(Boolean);
      const message = messages.get(q.get("lti_message_hint") ?? "");
      if (problems.length || !message || message.userId !== q.get("login_hint")) return send(res, 400, `bad authentication request: ${problems.join(", ") || "hint"}`, "text/plain");
      const idToken = await idTokenFor(message, q.get("nonce")!);
      sim.launches.push({ idToken, state: q.get("state")! });
      return send(res, 200, autoPost(q.get("redirect_uri")!, { id_token: idToken, state: q.get("state")! }), "text/html; charset=utf-8");
    }

    // OAuth 2 client credentials with a JWT assertion signed by the tool (checked against the tool's JWKS).
    if (path === "/token" && req.method === "POST") {
      const form = new URLSearchParams(await readBody(req));
      if (form.get("grant_type") !== "client_credentials" || form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") return send(res, 400, { error: "unsupported_grant_type" });
      try {
        await jwtVerify(form.get("client_assertion") ?? "", toolKeys, { issuer: sim.clientId, subject: sim.clientId, audience: `${url}/token`, algorithms: ["RS256"] });
      } catch (err) {
        return send(res, 401, { error: "invalid_client", error_description: (err as Error).message });
      }
      const scope = form.get("scope") ?? "";
      sim.tokenRequests.push(scope);
      const token = crypto.randomBytes(16).toString("hex");
      accessTokens.set(token, { scope, expires: Date.now() + 3600_000 });
      return send(res, 200, { access_token: token, token_type: "Bearer", expires_in: 3600, scope });
    }

    // Assignment and Grade Services. Line item URLs carry a query string, as Moodle's do (?type_id=…), so a tool that
    // appends /scores naively is caught.
    if (path === `/ags/${sim.contextId}/lineitems`) {
      if (req.method === "GET") {
        if (!bearer(req, "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem")) return send(res, 401, { error: "unauthorized" });
        const rl = u.searchParams.get("resource_link_id");
        return send(res, 200, [...sim.lineItems.values()].filter((li) => !rl || li.resourceLinkId === rl).map((li) => ({ ...li, id: `${agsBase}/lineitems/${li.id}?type=sim` })), "application/vnd.ims.lis.v2.lineitemcontainer+json");
      }
      if (req.method === "POST") {
        if (!bearer(req, "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem")) return send(res, 401, { error: "unauthorized" });
        const body = JSON.parse(await readBody(req)) as { label: string; scoreMaximum: number; resourceLinkId?: string; resourceId?: string };
        const id = `li-${sim.lineItems.size + 1}`;
        sim.lineItems.set(id, { id, ...body });
        const link = sim.links.find((l) => l.id === body.resourceLinkId);
        if (link) link.lineItemId = id;
        return send(res, 201, { id: `${agsBase}/lineitems/${id}?type=sim`, ...body }, "application/vnd.ims.lis.v2.lineitem+json");
      }
    }
    const scorePath = new RegExp(`^/ags/${sim.contextId}/lineitems/([^/]+)/scores$`).exec(path);
    if (scorePath && req.method === "POST") {
      if (!bearer(req, "https://purl.imsglobal.org/spec/lti-ags/scope/score")) return send(res, 401, { error: "unauthorized" });
      if (req.headers["content-type"] !== "application/vnd.ims.lis.v1.score+json") return send(res, 415, { error: "wrong media type" });
      if (u.searchParams.get("type") !== "sim") return send(res, 400, { error: "the line item's query string was lost" });
      if (scoreFailures.n > 0) {
        scoreFailures.n -= 1;
        return send(res, scoreFailures.status, { error: "simulated outage" });
      }
      const lineItemId = decodeURIComponent(scorePath[1]!);
      if (!sim.lineItems.has(lineItemId)) return send(res, 404, { error: "no such line item" });
      const score = JSON.parse(await readBody(req)) as Omit<SimScore, "lineItemId">;
      const previous = sim.scores.filter((s) => s.lineItemId === lineItemId && s.userId === score.userId).at(-1);
      if (previous && Date.parse(previous.timestamp) >= Date.parse(score.timestamp)) return send(res, 409, { error: "timestamp not after the previous score" });
      sim.scores.push({ lineItemId, ...score });
      return send(res, 200, {});
    }

    // Names and Role Provisioning Services, two members per page with a Link header to the next page.
    if (path === `/nrps/${sim.contextId}/memberships` && req.method === "GET") {
      if (!bearer(req, "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly")) return send(res, 401, { error: "unauthorized" });
      if (req.headers.accept !== "application/vnd.ims.lti-nrps.v2.membershipcontainer+json") return send(res, 406, { error: "wrong media type" });
      const all = [...sim.users.values()];
      const page = Number(u.searchParams.get("page") ?? "0");
      const members = all.slice(page * 2, page * 2 + 2).map((m) => ({
        user_id: m.id,
        name: m.name,
        email: m.email,
        status: m.status ?? "Active",
        roles: [m.role === "instructor" ? ROLE.instructor : ROLE.learner],
      }));
      const headers: Record<string, string> = all.length > (page + 1) * 2 ? { Link: `<${url}${path}?page=${page + 1}>; rel="next"` } : {};
      return send(res, 200, { id: `${url}${path}`, context: { id: sim.contextId }, members }, "application/vnd.ims.lti-nrps.v2.membershipcontainer+json", headers);
    }

    // Deep linking return: verifies the tool's signed response and places its links in the course.
    if (path === "/deep-link-return" && req.method === "POST") {
      const form = new URLSearchParams(await readBody(req));
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(form.get("JWT") ?? "", toolKeys, { issuer: sim.clientId, audience: url, algorithms: ["RS256"] }));
      } catch (err) {
        return send(res, 400, `The tool's deep linking response did not verify: ${(err as Error).message}`, "text/plain");
      }
      if (payload[`${LTI}message_type`] !== "LtiDeepLinkingResponse" || payload[`${LTI}deployment_id`] !== sim.deploymentId || payload["https://purl.imsglobal.org/spec/lti-dl/claim/data"] !== "sim-opaque-data") {
        return send(res, 400, "bad deep linking response claims", "text/plain");
      }
      sim.deepLinkResponses.push(payload);
      const items = (payload["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"] ?? []) as { type: string; title: string; custom?: Record<string, string>; lineItem?: { scoreMaximum: number; label: string; resourceId?: string } }[];
      const added: string[] = [];
      for (const item of items) {
        if (item.type !== "ltiResourceLink") continue;
        const id = `rl-${sim.links.length + 1}`;
        let lineItemId: string | null = null;
        if (item.lineItem) {
          lineItemId = `li-${sim.lineItems.size + 1}`;
          sim.lineItems.set(lineItemId, { id: lineItemId, label: item.lineItem.label, scoreMaximum: item.lineItem.scoreMaximum, resourceLinkId: id, resourceId: item.lineItem.resourceId });
        }
        sim.links.push({ id, title: item.title, custom: item.custom ?? {}, lineItemId });
        added.push(item.title);
      }
      return send(res, 200, `<!doctype html><html><body><h1>Added to the course</h1><ul>${added.map((t) => `<li>${htmlEscape(t)}</li>`).join("")}</ul></body></html>`, "text/html; charset=utf-8");
    }

    return send(res, 404, "not found", "text/plain");
  }

  return sim;
}
