import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClassProgress } from "@/components/teach/class-progress";
import { ClassSummary } from "@/components/teach/class-summary";
import { LmsPanel } from "@/components/teach/lms-panel";
import { LiveRefresh } from "@/components/teach/live-refresh";
import { getCurrentUser } from "@/lib/auth";
import { getClassGrid, getClassVersion } from "@/lib/data/class-progress";
import { getClassLtiView } from "@/lib/data/lti-sync";
import { toWireRows } from "@/lib/teach/grid";
import { syncRosterAction } from "../../lti-actions";
import { FormSuccess } from "@/components/ui/form-feedback";

export const metadata: Metadata = { title: "Class progress" };
export const dynamic = "force-dynamic";

export default async function ClassProgressPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const [{ id }, { created }] = await Promise.all([params, searchParams]);
  const user = await getCurrentUser();
  if (!user) notFound();
  const [grid, version, lms] = await Promise.all([getClassGrid(user.id, id), getClassVersion(user.id, id), getClassLtiView(user.id, id)]);
  if (!grid || !version) notFound();
  const api = `/api/teach/classes/${encodeURIComponent(id)}`;
  return (
    <>
      {created ? (
        <FormSuccess>
          Class created. Share the join code or link with your learners, then assign lessons.
        </FormSuccess>
      ) : null}
      <div className="progress-bar-row">
        <LiveRefresh versionUrl={`${api}/version`} version={version} />
        <a className="button button-small" href={`${api}/export`} download>
          Export CSV
        </a>
      </div>
      {lms ? (
        <LmsPanel
          classId={id}
          platformName={lms.platformName}
          contextTitle={lms.contextTitle}
          rosterSyncedAt={lms.rosterSyncedAt?.getTime() ?? null}
          rosterError={lms.rosterError}
          canSyncRoster={lms.canSyncRoster}
          links={lms.links}
          syncAction={syncRosterAction}
        />
      ) : null}
      <ClassProgress
        classId={id}
        items={grid.items}
        rows={toWireRows(grid.rows, grid.items)}
        now={grid.generatedAt}
        thresholds={grid.thresholds}
        lms={lms ? { platformName: lms.platformName, links: lms.links.map((l) => ({ id: l.id, title: l.title })), scores: lms.scores } : undefined}
      />
      <ClassSummary grid={grid} />
    </>
  );
}
