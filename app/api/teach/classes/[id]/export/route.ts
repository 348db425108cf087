import { getCurrentUser } from "@/lib/auth";
import { getClassGrid } from "@/lib/data/class-progress";
import { getTaughtClass } from "@/lib/data/classes";
import { gridToCsv } from "@/lib/teach/grid";

export const dynamic = "force-dynamic";

/** The grid as CSV (UTF-8 with BOM): one row per learner, one column per lesson or exercise. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "Sign in to export this class." }, { status: 401 });
  const { id } = await params;
  const [klass, grid] = await Promise.all([getTaughtClass(user.id, id), getClassGrid(user.id, id)]);
  if (!klass || !grid) return Response.json({ error: "No such class." }, { status: 404 });
  const date = new Date().toISOString().slice(0, 10);
  const base = `${klass.name} progress ${date}`;
  const ascii = base.replace(/[^\w .-]+/g, "").replace(/\s+/g, "-") || "class-progress";
  return new Response(gridToCsv(grid), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      // RFC 6266: an ASCII fallback and the real (UTF-8) name.
      "Content-Disposition": `attachment; filename="${ascii}.csv"; filename*=UTF-8''${encodeURIComponent(`${base}.csv`)}`,
      "Cache-Control": "no-store",
    },
  });
}
