import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { ClassTabs } from "@/components/teach/class-tabs";
import { ActionButton } from "@/components/ui/action-button";
import { JoinLink } from "@/components/teach/join-link";
import { CopyButton } from "@/components/ui/copy-button";
import { getCurrentUser } from "@/lib/auth";
import { getTaughtClass } from "@/lib/data/classes";
import { archiveClassAction, regenerateCodeAction } from "../../actions";

export const dynamic = "force-dynamic";

export default async function ClassLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/teach/classes/${id}`)}`);
  // Someone else's class answers exactly like a class that does not exist.
  const klass = await getTaughtClass(user.id, id);
  if (!klass) notFound();
  const joinPath = `/join/${encodeURIComponent(klass.joinCode)}`;

  return (
    <main id="main" className="page teach-page">
      <p className="breadcrumb">
        <Link href="/teach">Teach</Link> / {klass.name}
      </p>
      <div className="class-header">
        <div>
          <h1>{klass.name}</h1>
          {klass.description ? <p className="lead">{klass.description}</p> : null}
        </div>
        {klass.archivedAt ? null : (
          <div className="join-box" role="group" aria-label="How learners join">
            <p className="join-code-line">
              <span className="muted">Join code</span> <strong className="join-code" data-testid="join-code">{klass.joinCode}</strong>
            </p>
            <p className="join-link-line">
              <JoinLink path={joinPath} />
            </p>
            <div className="button-row">
              <CopyButton text={klass.joinCode} label="Copy code" copiedMessage="Class code copied to the clipboard" />
              <CopyButton text={joinPath} label="Copy link" withOrigin copiedMessage="Join link copied to the clipboard" />
              <ActionButton
                action={regenerateCodeAction}
                fields={{ classId: klass.id }}
                label="New code"
                pendingLabel="Making…"
                confirm="Make a new join code? The current code and link stop working; learners already in the class stay."
              />
            </div>
          </div>
        )}
      </div>
      {klass.archivedAt ? (
        <div className="notice" role="note">
          <p>
            <strong>This class is archived.</strong> Learners cannot join it and it no longer appears on their dashboards; its progress is kept.
          </p>
          <ActionButton action={archiveClassAction} fields={{ classId: klass.id, archived: "false" }} label="Restore class" variant="primary" />
        </div>
      ) : null}
      <ClassTabs base={`/teach/classes/${klass.id}`} />
      {children}
    </main>
  );
}
