import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AssignForm, DueDateForm, type TargetGroup } from "@/components/teach/forms";
import { ActionButton } from "@/components/ui/action-button";
import { LocalTime } from "@/components/ui/local-time";
import { defaultOutline, listAssignments } from "@/lib/data/classes";
import { addAssignmentAction, removeAssignmentAction, updateAssignmentAction } from "../../../actions";
import { TableHead } from "@/components/ui/table-head";
import { classPageViewer } from "../viewer";

export const metadata: Metadata = { title: "Assignments" };
export const dynamic = "force-dynamic";

export default async function AssignmentsPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, id } = await classPageViewer(params);
  const outline = defaultOutline();
  const assignments = await listAssignments(user.id, id, outline);
  if (!assignments) notFound();
  const groups: TargetGroup[] = outline.chapters.map((c) => ({
    label: `Chapter ${c.number}: ${c.title}`,
    options: [
      { value: `chapter:${c.slug}`, label: `The whole chapter (${c.lessons.length} ${c.lessons.length === 1 ? "lesson" : "lessons"})` },
      ...c.lessons.map((l, i) => ({ value: `lesson:${l.id}`, label: `${c.number}.${i + 1} ${l.title}` })),
    ],
  }));

  return (
    <>
      <section aria-labelledby="assign-title" className="settings-section wide">
        <h2 id="assign-title">Assign</h2>
        <p className="muted">Assigned lessons become the columns of the progress grid and appear, with their due dates, on learners&apos; dashboards and in the catalog.</p>
        <AssignForm action={addAssignmentAction} classId={id} groups={groups} />
      </section>
      <section aria-labelledby="assigned-title">
        <h2 id="assigned-title">Assigned</h2>
        {assignments.length ? (
          <div className="table-scroll">
            <table className="plain-table">
              <TableHead columns={["What", "Due", "Change due date", { label: "Remove", hidden: true }]} />
              <tbody>
                {assignments.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      {a.title}
                      {a.kind === "chapter" ? <span className="muted"> · {a.lessons} lessons</span> : null}
                    </th>
                    <td>
                      {a.dueAt ? (
                        <>
                          <LocalTime at={a.dueAt.getTime()} />
                          {a.past ? <span className="tag tag-danger">past</span> : null}
                        </>
                      ) : (
                        <span className="muted">no due date</span>
                      )}
                    </td>
                    <td>
                      <DueDateForm action={updateAssignmentAction} assignmentId={a.id} dueAt={a.dueAt?.getTime() ?? null} label={a.title} />
                    </td>
                    <td>
                      <ActionButton action={removeAssignmentAction} fields={{ assignmentId: a.id }} label="Remove" accessibleLabel={`Remove ${a.title}`} variant="danger" confirm={`Remove “${a.title}” from the class's assignments? Learners' progress is kept.`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">
            Nothing assigned yet. Learners can still work through the whole <Link href="/">course</Link>; the grid shows assigned lessons only.
          </p>
        )}
      </section>
    </>
  );
}
