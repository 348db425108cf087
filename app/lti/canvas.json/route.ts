import { LAUNCH_PATH, JWKS_PATH, LOGIN_PATH, requestOrigin } from "@/lib/lti/http";
import { SCOPE } from "@/lib/lti/claims";

export const dynamic = "force-dynamic";

/** Canvas's "Enter URL" developer key configuration (LTI 1.3 JSON), so a Canvas admin pastes one URL. */
export async function GET(request: Request) {
  const origin = requestOrigin(request);
  const launch = `${origin}${LAUNCH_PATH}`;
  const deepLink = { message_type: "LtiDeepLinkingRequest", target_link_uri: launch, text: "Interleave", selection_width: 720, selection_height: 640 };
  return Response.json({
    title: "Interleave",
    description: "Interactive lessons on Python concurrency, run in the learner's browser. Scores: lessons completed and exercises passed.",
    oidc_initiation_url: `${origin}${LOGIN_PATH}`,
    target_link_uri: launch,
    public_jwk_url: `${origin}${JWKS_PATH}`,
    scopes: [SCOPE.lineItem, SCOPE.lineItemReadOnly, SCOPE.resultReadOnly, SCOPE.score, SCOPE.memberships],
    extensions: [
      {
        platform: "canvas.instructure.com",
        privacy_level: "public",
        settings: {
          placements: [
            { placement: "link_selection", ...deepLink },
            { placement: "assignment_selection", ...deepLink },
          ],
        },
      },
    ],
    custom_fields: {},
  });
}
