import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClassSettingsForm } from "@/components/teach/forms";
import { ActionButton } from "@/components/ui/action-button";
import { getTaughtClass } from "@/lib/data/classes";
import { archiveClassAction, updateClassAction } from "../../../actions";
import { classPageViewer } from "../viewer";

export const metadata: Metadata = { title: "Class settings" };
export const dynamic = "force-dynamic";

export default async function ClassSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, id } = await classPageViewer(params);
  const klass = await getTaughtClass(user.id, id);
  if (!klass) notFound();
  return (
    <>
      <section aria-labelledby="settings-title" className="settings-section">
        <h2 id="settings-title">Class details</h2>
        <ClassSettingsForm action={updateClassAction} klass={klass} />
      </section>
      <section aria-labelledby="archive-title" className="settings-section">
        <h2 id="archive-title">{klass.archivedAt ? "Restore" : "Archive"}</h2>
        {klass.archivedAt ? (
          <>
            <p>Restoring lets learners join again with the code and shows the class on their dashboards.</p>
            <ActionButton action={archiveClassAction} fields={{ classId: klass.id, archived: "false" }} label="Restore class" variant="primary" />
          </>
        ) : (
          <>
            <p>Archive a class at the end of a term: learners can no longer join, it leaves their dashboards, and all progress is kept. You can restore it at any time.</p>
            <ActionButton action={archiveClassAction} fields={{ classId: klass.id, archived: "true" }} label="Archive class" variant="danger" confirm={`Archive ${klass.name}?`} />
          </>
        )}
      </section>
    </>
  );
}
