import { getCurrentUser } from "@/lib/auth";
import { getCellDetail } from "@/lib/data/class-progress";
import { CellQuerySchema } from "@/lib/schemas/teach";

export const dynamic = "force-dynamic";

/** One learner's work on one lesson or exercise: `?learner=<user id>&item=<lesson or exercise id>`. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "Sign in to see this class." }, { status: 401 });
  const query = CellQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return Response.json({ error: "Name a learner (?learner=) and a lesson or exercise (?item=)." }, { status: 400 });
  const detail = await getCellDetail(user.id, (await params).id, query.data.learner, query.data.item);
  if (!detail) return Response.json({ error: "No such class, learner or item." }, { status: 404 });
  return Response.json(detail, { headers: { "Cache-Control": "no-store" } });
}
