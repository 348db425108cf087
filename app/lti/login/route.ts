import { createLaunchState, findPlatformForLogin, isDeploymentRegistered } from "@/lib/data/lti";
import { LtiError } from "@/lib/lti/errors";
import { formFields, LAUNCH_PATH, refuse, requestOrigin, stateCookie } from "@/lib/lti/http";
import { log } from "@/lib/log";
import { LoginInitiationSchema } from "@/lib/schemas/lti";

export const dynamic = "force-dynamic";

/**
 * Step 1 of an LTI 1.3 launch: the platform's OIDC third-party-initiated login (IMS Security Framework §5.1.1).
 * We make a single-use state and nonce, remember the state in a cookie of this browser, and send the browser to
 * the platform's authorization endpoint, which form-posts the id_token to /lti/launch.
 */
async function handle(request: Request, params: Record<string, unknown> | null): Promise<Response> {
  try {
    if (!params) throw new LtiError("bad_request", "The LMS sent the login request in a form Interleave does not read (expected a query string or a form post).");
    const parsed = LoginInitiationSchema.safeParse(params);
    if (!parsed.success) throw new LtiError("bad_request", parsed.error.issues[0]?.message ?? "The login request is malformed.", { issues: parsed.error.issues.length });
    const p = parsed.data;
    const origin = requestOrigin(request);
    let target: URL;
    try {
      target = new URL(p.target_link_uri);
    } catch {
      throw new LtiError("bad_request", "The login request's target_link_uri is not a URL.");
    }
    // Only our own pages may be a target: the parameter must not make us an open redirector.
    if (target.origin !== origin) throw new LtiError("bad_request", `The link points at ${target.origin}, not at this Interleave (${origin}). Check the tool's URLs in the LMS.`, { target: target.origin });
    const platform = await findPlatformForLogin(p.iss, p.client_id);
    if (p.lti_deployment_id && !(await isDeploymentRegistered(platform.id, p.lti_deployment_id))) {
      throw new LtiError("unknown_deployment", `Deployment “${p.lti_deployment_id}” of ${platform.name} is not registered with Interleave. Ask your administrator to add it (Admin → LMS platforms).`, { platformId: platform.id, deploymentId: p.lti_deployment_id });
    }
    const { state, nonce } = await createLaunchState(platform.id);
    const auth = new URL(platform.authLoginUrl);
    const query: Record<string, string> = {
      scope: "openid",
      response_type: "id_token",
      response_mode: "form_post",
      prompt: "none",
      client_id: platform.clientId,
      redirect_uri: `${origin}${LAUNCH_PATH}`,
      login_hint: p.login_hint,
      state,
      nonce,
    };
    if (p.lti_message_hint) query.lti_message_hint = p.lti_message_hint;
    for (const [k, v] of Object.entries(query)) auth.searchParams.set(k, v);
    log.info("lti.login", { platformId: platform.id, deploymentId: p.lti_deployment_id });
    return new Response(null, { status: 302, headers: { Location: auth.toString(), "Set-Cookie": stateCookie(origin, state), "Cache-Control": "no-store" } });
  } catch (err) {
    return refuse(request, "lti.login_refused", err);
  }
}

export async function GET(request: Request) {
  return handle(request, Object.fromEntries(new URL(request.url).searchParams));
}

export async function POST(request: Request) {
  return handle(request, await formFields(request));
}
