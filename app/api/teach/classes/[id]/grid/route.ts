import { getCurrentUser } from "@/lib/auth";
import { getClassGrid } from "@/lib/data/class-progress";

export const dynamic = "force-dynamic";

/** The progress grid as JSON (items, one row per learner, summary), for scripts and integrations. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "Sign in to see this class." }, { status: 401 });
  const grid = await getClassGrid(user.id, (await params).id);
  if (!grid) return Response.json({ error: "No such class." }, { status: 404 });
  return Response.json(grid, { headers: { "Cache-Control": "no-store" } });
}
