import crypto from "node:crypto";
import { getSigningKey, consumeDeepLinkSession } from "@/lib/data/lti";
import { assignmentItems } from "@/lib/lti/catalog";
import { CLAIM, CUSTOM_KIND, CUSTOM_TARGET } from "@/lib/lti/claims";
import { LtiError } from "@/lib/lti/errors";
import { html, page } from "@/lib/lti/html";
import { formFields, LAUNCH_PATH, refuse, requestOrigin } from "@/lib/lti/http";
import { signToolJwt } from "@/lib/lti/jwt";
import { log } from "@/lib/log";
import { DeepLinkChoiceSchema } from "@/lib/schemas/lti";

export const dynamic = "force-dynamic";

/**
 * The teacher's choice in the deep linking picker becomes an LtiDeepLinkingResponse (Deep Linking 2.0 §4): one
 * ltiResourceLink per lesson or chapter, with our custom parameters naming it and a line item so the LMS makes a
 * gradebook column, signed with our key and form-posted back to the platform.
 */
export async function POST(request: Request, { params }: { params: Promise<{ session: string }> }) {
  try {
    const { session: sessionId } = await params;
    const parsed = DeepLinkChoiceSchema.safeParse((await formFields(request)) ?? {});
    if (!parsed.success) throw new LtiError("bad_request", parsed.error.issues[0]?.message ?? "Pick a lesson or a chapter.");
    const picks = parsed.data.items.map((v) => {
      const [kind, target] = v.split(/:(.*)/s) as ["lesson" | "chapter", string];
      const items = assignmentItems(kind, target);
      if (!items) throw new LtiError("bad_request", `“${target}” is not in the course any more. Reload the picker from your LMS.`);
      return { kind, target, items };
    });
    const used = await consumeDeepLinkSession(sessionId);
    if (!used) throw new LtiError("expired_link", "This picker has expired or was already used. Close it and add Interleave again from your LMS.");
    const { session, platform } = used;
    const chosen = session.acceptMultiple ? picks : picks.slice(0, 1);
    const origin = requestOrigin(request);
    const contentItems = chosen.map(({ kind, target, items }) => ({
      type: "ltiResourceLink",
      title: items.title,
      text: `${kind === "chapter" ? `${items.lessons.length} lessons` : "A lesson"} of Interleave's Python concurrency course. Opens in a new window; the score counts lessons completed and exercises passed.`,
      url: `${origin}${LAUNCH_PATH}`,
      custom: { [CUSTOM_KIND]: kind, [CUSTOM_TARGET]: target },
      lineItem: { scoreMaximum: Math.max(1, items.lessons.length + items.exercises.length), label: items.title, resourceId: `${kind}:${target}`, tag: "interleave" },
      window: { targetName: "interleave" },
    }));
    const jwt = await signToolJwt(
      {
        iss: platform.clientId,
        aud: platform.issuer,
        nonce: crypto.randomBytes(16).toString("base64url"),
        [CLAIM.messageType]: "LtiDeepLinkingResponse",
        [CLAIM.version]: "1.3.0",
        [CLAIM.deploymentId]: session.deploymentId,
        [CLAIM.contentItems]: contentItems,
        [CLAIM.deepLinkingMessage]: chosen.length === 1 ? `Added “${chosen[0]!.items.title}” from Interleave.` : `Added ${chosen.length} items from Interleave.`,
        ...(session.data ? { [CLAIM.deepLinkingData]: session.data } : {}),
      },
      await getSigningKey(),
    );
    log.info("lti.deep_link_response", { platformId: platform.id, items: chosen.map((c) => `${c.kind}:${c.target}`) });
    const returnOrigin = new URL(session.returnUrl).origin;
    return page({
      origin,
      title: "Adding to your course",
      formAction: [returnOrigin],
      body: html`<h1>Adding ${chosen.length === 1 ? `“${chosen[0]!.items.title}”` : `${chosen.length} items`} to ${platform.name}</h1>
<form method="post" action="${session.returnUrl}" id="return">
<input type="hidden" name="JWT" value="${jwt}">
<p class="muted">Learners will open it in a new window, where Python can run.</p>
<div class="actions"><button class="button" type="submit">Continue to ${platform.name}</button></div>
</form>`,
      script: `document.getElementById("return").submit();`,
    });
  } catch (err) {
    return refuse(request, "lti.deep_link_refused", err);
  }
}
