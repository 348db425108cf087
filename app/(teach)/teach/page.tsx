import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CreateClassForm } from "@/components/teach/forms";
import { LocalTime } from "@/components/ui/local-time";
import { getCurrentUser } from "@/lib/auth";
import { canCreateClasses, listTaughtClasses, type ClassListItem } from "@/lib/data/classes";
import { createClassAction } from "./actions";

export const metadata: Metadata = { title: "Teach" };
export const dynamic = "force-dynamic";

function ClassCard({ c }: { c: ClassListItem }) {
  return (
    <li className="card class-card">
      <h3>
        <Link href={`/teach/classes/${c.id}`}>{c.name}</Link>
      </h3>
      {c.description ? <p className="muted">{c.description}</p> : null}
      <p className="class-card-meta">
        {c.learners} {c.learners === 1 ? "learner" : "learners"} · {c.assignments} {c.assignments === 1 ? "assignment" : "assignments"} · code <code>{c.joinCode}</code>
        {c.role !== "owner" ? " · co-teacher" : ""}
        {c.archivedAt ? (
          <>
            {" "}
            · archived <LocalTime at={c.archivedAt.getTime()} withTime={false} />
          </>
        ) : null}
      </p>
    </li>
  );
}

export default async function TeachPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=/teach");
  const classes = await listTaughtClasses(user.id);
  const active = classes.filter((c) => !c.archivedAt);
  const archived = classes.filter((c) => c.archivedAt);
  const mayCreate = canCreateClasses(user.role);

  return (
    <main id="main" className="page teach-page">
      <h1>Teach</h1>
      <p className="lead">Make a class, give learners its code, assign lessons and follow their progress week by week.</p>
      {!mayCreate && classes.length === 0 ? (
        <div className="notice">
          <p>
            <strong>Teaching is for teacher accounts.</strong> Yours is a {user.role} account. If you teach, switch your account type to teacher in{" "}
            <Link href="/settings">Settings</Link>; to join a class as a learner, enter its code on <Link href="/me">your progress page</Link>.
          </p>
        </div>
      ) : null}
      <section aria-labelledby="classes-title">
        <h2 id="classes-title">Your classes</h2>
        {active.length ? (
          <ul className="class-cards">
            {active.map((c) => (
              <ClassCard key={c.id} c={c} />
            ))}
          </ul>
        ) : (
          <p className="muted">{mayCreate ? "No classes yet: create your first one below." : "You teach no classes."}</p>
        )}
      </section>
      {mayCreate ? (
        <section aria-labelledby="create-title" className="settings-section">
          <h2 id="create-title">Create a class</h2>
          <CreateClassForm action={createClassAction} />
        </section>
      ) : null}
      {archived.length ? (
        <section aria-labelledby="archived-title">
          <h2 id="archived-title">Archived</h2>
          <ul className="class-cards archived">
            {archived.map((c) => (
              <ClassCard key={c.id} c={c} />
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}
