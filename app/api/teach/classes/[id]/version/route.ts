import { getCurrentUser } from "@/lib/auth";
import { getClassVersion } from "@/lib/data/class-progress";

export const dynamic = "force-dynamic";

/** A fingerprint of the class page's data; the page polls it and re-renders when it changes. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "Sign in to follow this class." }, { status: 401 });
  const version = await getClassVersion(user.id, (await params).id);
  if (!version) return Response.json({ error: "No such class." }, { status: 404 });
  return Response.json({ version }, { headers: { "Cache-Control": "no-store" } });
}
