import { getCurrentUser } from "@/lib/auth";
import { listMyAssignedLessons } from "@/lib/data/classes";

export const dynamic = "force-dynamic";

/** The signed-in learner's assigned lessons with due dates, for the (static) catalog to mark. */
export async function GET() {
  const user = await getCurrentUser();
  if (!user) return Response.json({ assignments: [] }, { headers: { "Cache-Control": "no-store" } });
  return Response.json({ assignments: await listMyAssignedLessons(user.id) }, { headers: { "Cache-Control": "private, no-store" } });
}
