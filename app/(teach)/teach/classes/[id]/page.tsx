import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClassProgress } from "@/components/teach/class-progress";
import { ClassSummary } from "@/components/teach/class-summary";
import { LiveRefresh } from "@/components/teach/small";
import { getCurrentUser } from "@/lib/auth";
import { getClassGrid, getClassVersion } from "@/lib/data/class-progress";
import { toWireRows } from "@/lib/teach/grid";

export const metadata: Metadata = { title: "Class progress" };
export const dynamic = "force-dynamic";

export default async function ClassProgressPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const [{ id }, { created }] = await Promise.all([params, searchParams]);
  const user = await getCurrentUser();
  if (!user) notFound();
  const [grid, version] = await Promise.all([getClassGrid(user.id, id), getClassVersion(user.id, id)]);
  if (!grid || !version) notFound();
  const api = `/api/teach/classes/${encodeURIComponent(id)}`;
  return (
    <>
      {created ? (
        <p className="form-success" role="status">
          Class created. Share the join code or link with your learners, then assign lessons.
        </p>
      ) : null}
      <div className="progress-bar-row">
        <LiveRefresh versionUrl={`${api}/version`} version={version} />
        <a className="button button-small" href={`${api}/export`} download>
          Export CSV
        </a>
      </div>
      <ClassProgress classId={id} items={grid.items} rows={toWireRows(grid.rows, grid.items)} now={grid.generatedAt} thresholds={grid.thresholds} />
      <ClassSummary grid={grid} />
    </>
  );
}
