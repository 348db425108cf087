import type { JWTPayload } from "jose";
import { consumeLaunchState, createDeepLinkSession, createHandoff, findPlatformByIssuer, findPlatformsForToken, isDeploymentRegistered, launchDestination, provisionLaunch, type PlatformRecord } from "@/lib/data/lti";
import { getRosterContext } from "@/lib/data/lti-sync";
import { CLAIM, contextRole, LaunchClaimsSchema, type LaunchClaims } from "@/lib/lti/claims";
import { courseOutline } from "@/lib/lti/catalog";
import { LtiError } from "@/lib/lti/errors";
import { html, page } from "@/lib/lti/html";
import { formFields, hasStateCookie, refuse, requestOrigin, stateCookieName } from "@/lib/lti/http";
import { peekClaims, verifyIdToken } from "@/lib/lti/jwt";
import { syncRoster } from "@/lib/lti/worker";
import { log } from "@/lib/log";
import { LaunchFormSchema } from "@/lib/schemas/lti";

export const dynamic = "force-dynamic";

/**
 * Step 2 of an LTI 1.3 launch: the platform form-posts an id_token and our state here (the redirect_uri). The token
 * is verified against the platform's keys (lib/lti/jwt.ts), the state and its nonce are used up, the deployment must
 * be registered; then the user, class and assignment are provisioned and the browser is sent on to a window of our
 * own (the Python runtime needs cross-origin isolation, which a page inside the LMS frame cannot have).
 */
export async function POST(request: Request) {
  try {
    const fields = await formFields(request);
    const parsed = LaunchFormSchema.safeParse(fields ?? {});
    if (!parsed.success) throw new LtiError("bad_request", parsed.error.issues[0]?.message ?? "The launch is malformed.");
    const { id_token: idToken, state } = parsed.data;

    const peeked = peekClaims(idToken);
    if (!peeked || typeof peeked.iss !== "string") throw new LtiError("bad_request", "The launch's id_token is not a JSON Web Token.");
    const platform = await platformFor(peeked);
    const payload = await verifyIdToken(idToken, platform);

    const claims = LaunchClaimsSchema.safeParse(payload);
    if (!claims.success) {
      const issue = claims.error.issues[0];
      throw new LtiError("bad_claims", `The launch is missing something Interleave needs: ${issue?.message ?? "invalid claims"}${issue?.path.length ? ` (${issue.path.join(".")})` : ""}.`);
    }
    const c = claims.data;
    const deploymentId = c[CLAIM.deploymentId];
    if (!(await isDeploymentRegistered(platform.id, deploymentId))) {
      throw new LtiError("unknown_deployment", `This link comes from deployment “${deploymentId}” of ${platform.name}, which is not registered with Interleave. Ask your administrator to add the deployment id (Admin → LMS platforms).`, { platformId: platform.id, deploymentId });
    }
    const { platformId } = await consumeLaunchState(state, payload.nonce);
    if (platformId !== platform.id) throw new LtiError("bad_state", "This launch answers a login that another platform started.", { platformId, tokenPlatform: platform.id });

    const origin = requestOrigin(request);
    const boundToBrowser = hasStateCookie(request, state);
    const clearState = `${stateCookieName(state)}=; Path=/lti/; Max-Age=0; HttpOnly; ${origin.startsWith("https://") ? "Secure; SameSite=None; Partitioned" : "SameSite=Lax"}`;

    if (c[CLAIM.messageType] === "LtiDeepLinkingRequest") return await deepLinkingPicker(origin, platform, c, clearState);

    if (!c[CLAIM.resourceLink]) throw new LtiError("bad_claims", "The launch names no resource link.");
    const launch = await provisionLaunch(platform, c);
    log.info("lti.launch", { platformId: platform.id, userId: launch.userId, role: launch.role, classId: launch.classId, linkId: launch.linkId, framed: request.headers.get("sec-fetch-dest") === "iframe" });
    if (launch.role === "teacher" && launch.contextRowId) {
      // The roster is brought up to date in the background: the launch does not wait for the platform.
      const ctx = await getRosterContext(launch.userId, launch.classId!);
      if (ctx) void syncRoster(ctx).catch(() => undefined);
    }
    const destination = await launchDestination(launch);
    const token = await createHandoff(launch.userId, destination);
    const openUrl = `/lti/open/${token}`;

    // A top-level window with our state cookie: straight on. In a frame, or without the cookie (a browser that
    // blocks it, or a launch that did not start here), the person clicks through: that also stops login CSRF.
    const topLevel = request.headers.get("sec-fetch-dest") === "document";
    if (topLevel && boundToBrowser) return new Response(null, { status: 303, headers: { Location: openUrl, "Set-Cookie": clearState, "Cache-Control": "no-store" } });
    return openInWindowPage(origin, openUrl, launch.role, launch.userName, platform.name, clearState);
  } catch (err) {
    return refuse(request, "lti.launch_refused", err);
  }
}

/** The registration an id_token claims to come from; a known issuer with another audience is verified (and refused) as that issuer's. */
async function platformFor(peeked: JWTPayload): Promise<PlatformRecord> {
  const aud = Array.isArray(peeked.aud) ? peeked.aud : typeof peeked.aud === "string" ? [peeked.aud] : [];
  const matches = await findPlatformsForToken(peeked.iss!, aud);
  if (matches.length) return matches[0]!;
  const sameIssuer = await findPlatformByIssuer(peeked.iss!);
  if (sameIssuer) return sameIssuer;
  throw new LtiError("unknown_platform", `No LMS with issuer “${peeked.iss}” is registered with Interleave. Ask your administrator to register it.`, { issuer: peeked.iss });
}

function openInWindowPage(origin: string, openUrl: string, role: string, name: string | null, platformName: string, clearState: string): Response {
  const teacher = role === "teacher";
  const what = teacher ? "your class in Interleave" : "the lesson";
  return page({
    origin,
    title: "Open in a new window",
    headers: { "Set-Cookie": clearState },
    body: html`<h1>${teacher ? "Open your class in Interleave" : "Open the lesson in its own window"}</h1>
<p>Interleave runs Python in your browser, and that needs a page of its own: it cannot run inside ${platformName}'s frame.</p>
<div class="actions">
  <a class="button" id="open" href="${openUrl}" target="_blank" rel="noopener">Open ${what} in a new window</a>
</div>
<p class="muted" id="after" hidden>Opened in a new window. Your work is saved to your account and reported to ${platformName}.</p>
${name ? html`<p class="muted">You are signing in as ${name} from ${platformName}.</p>` : ""}`,
    // Not framed (a top-level launch without our cookie, or a browser without Sec-Fetch-Dest): continue in this
    // window, but still on a click, which is what stops a forged launch from signing someone in unawares.
    script: `var a=document.getElementById("open");if(window.top===window.self){a.removeAttribute("target");a.textContent=${JSON.stringify(teacher ? "Continue to your class" : "Continue to the lesson")};}else{a.addEventListener("click",function(){document.getElementById("after").hidden=false});}`,
  });
}

async function deepLinkingPicker(origin: string, platform: PlatformRecord, c: LaunchClaims, clearState: string): Promise<Response> {
  if (contextRole(c[CLAIM.roles]) !== "teacher") throw new LtiError("bad_claims", "Only the course's teachers add Interleave content. Ask your teacher to add the lesson.");
  const settings = c[CLAIM.deepLinkingSettings];
  if (!settings) throw new LtiError("bad_claims", "The deep linking request has no deep_linking_settings.");
  if (!settings.accept_types.includes("ltiResourceLink")) throw new LtiError("bad_claims", `${platform.name} asked for content Interleave cannot give here (it accepts ${settings.accept_types.join(", ")}; Interleave gives LTI resource links).`);
  const context = c[CLAIM.context];
  const sessionId = await createDeepLinkSession({
    platformId: platform.id,
    deploymentId: c[CLAIM.deploymentId],
    returnUrl: settings.deep_link_return_url,
    data: settings.data ?? null,
    acceptMultiple: settings.accept_multiple === true,
    contextTitle: context?.title ?? null,
  });
  log.info("lti.deep_linking", { platformId: platform.id, context: context?.id });
  const outline = courseOutline();
  const multiple = settings.accept_multiple === true;
  const input = multiple ? "checkbox" : "radio";
  return page({
    origin,
    title: "Add Interleave lessons",
    headers: { "Set-Cookie": clearState },
    body: html`<h1>Add Interleave to ${context?.title ?? "your course"}</h1>
<div class="notice" role="note"><p><strong>Lessons open in a new window.</strong> Interleave runs Python in the learner's browser, which needs a page of its own; ${platform.name} shows a button that opens it. Scores (lessons completed and exercises passed) come back to the gradebook as learners work.</p></div>
<form method="post" action="/lti/deep-link/${sessionId}">
${outline.chapters.map(
  (ch) => html`<fieldset><legend>Chapter ${ch.number}: ${ch.title}</legend>
<label class="pick chapter"><input type="${input}" name="items" value="chapter:${ch.slug}"> The whole chapter (${ch.lessons.length} ${ch.lessons.length === 1 ? "lesson" : "lessons"})</label>
${ch.lessons.map((l, i) => html`<label class="pick"><input type="${input}" name="items" value="lesson:${l.id}"> ${ch.number}.${i + 1} ${l.title}</label>`)}
</fieldset>`,
)}
<div class="actions"><button class="button" type="submit">Add to ${platform.name}</button></div>
</form>`,
  });
}
