import { AuthError } from "next-auth";
import { getCurrentUser, signIn } from "@/lib/auth";
import { peekHandoff } from "@/lib/data/lti";
import { refusalPage } from "@/lib/lti/html";
import { requestOrigin } from "@/lib/lti/http";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

/**
 * The one-time link from a launch to a top-level window of our own: signs the launched user in (a first-party
 * cookie, which a frame inside the LMS could not set reliably) and goes to the lesson or class. Used once; a second
 * click by the same, already signed-in person just goes there again.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const origin = requestOrigin(request);
  const expired = () => {
    log.warn("lti.open_refused", { reason: "expired_link" });
    return refusalPage(origin, 410, "expired_link", "This link from your course has expired or was already used. Go back to your course and open it again.");
  };
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return expired();
  const handoff = await peekHandoff(token);
  if (!handoff.ok) return expired();
  if (handoff.used) {
    const user = await getCurrentUser();
    if (user?.id !== handoff.userId) return expired();
    return new Response(null, { status: 303, headers: { Location: handoff.redirectTo } });
  }
  // The "lti" credentials provider (lib/auth.ts) uses the token up; signIn redirects.
  try {
    return await signIn("lti", { token, redirectTo: handoff.redirectTo });
  } catch (err) {
    // Used up between the look and the sign-in (a double click): the same answer as a used link.
    if (err instanceof AuthError) return expired();
    throw err;
  }
}
