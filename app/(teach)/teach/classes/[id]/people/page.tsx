import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AddCoTeacherForm } from "@/components/teach/forms";
import { ActionButton } from "@/components/ui/action-button";
import { LocalTime } from "@/components/ui/local-time";
import { getTaughtClass, listClassLearners } from "@/lib/data/classes";
import { addCoTeacherAction, removeCoTeacherAction, removeLearnerAction } from "../../../actions";
import { TableHead } from "@/components/ui/table-head";
import { classPageViewer } from "../viewer";

export const metadata: Metadata = { title: "People" };
export const dynamic = "force-dynamic";

export default async function PeoplePage({ params }: { params: Promise<{ id: string }> }) {
  const { user, id } = await classPageViewer(params);
  const [klass, learners] = await Promise.all([getTaughtClass(user.id, id), listClassLearners(user.id, id)]);
  if (!klass || !learners) notFound();
  const isOwner = klass.viewerRole === "owner";

  return (
    <>
      <section aria-labelledby="teachers-title">
        <h2 id="teachers-title">Teachers</h2>
        <ul className="people-list">
          {klass.teachers.map((t) => (
            <li key={t.userId}>
              <span>
                <strong>{t.name}</strong> <span className="muted">{t.email}</span> <span className="tag">{t.role === "owner" ? "owner" : "co-teacher"}</span>
              </span>
              {t.role !== "owner" && (isOwner || t.userId === user.id) ? (
                <ActionButton
                  action={removeCoTeacherAction}
                  fields={{ classId: klass.id, userId: t.userId }}
                  label={t.userId === user.id ? "Stop co-teaching" : "Remove"}
                  accessibleLabel={t.userId === user.id ? undefined : `Remove ${t.name} as co-teacher`}
                  variant="danger"
                  confirm={t.userId === user.id ? "Stop co-teaching this class? You will no longer see it." : `Remove ${t.name} as co-teacher?`}
                />
              ) : null}
            </li>
          ))}
        </ul>
        <AddCoTeacherForm action={addCoTeacherAction} classId={klass.id} />
      </section>
      <section aria-labelledby="learners-title">
        <h2 id="learners-title">
          Learners <span className="muted">({learners.length})</span>
        </h2>
        {learners.length ? (
          <div className="table-scroll">
            <table className="plain-table">
              <TableHead columns={["Name", "Email", "Joined", { label: "Remove", hidden: true }]} />
              <tbody>
                {learners.map((l) => (
                  <tr key={l.id}>
                    <th scope="row">{l.name ?? l.email}</th>
                    <td>{l.email}</td>
                    <td>
                      <LocalTime at={l.joinedAt.getTime()} withTime={false} />
                    </td>
                    <td>
                      <ActionButton
                        action={removeLearnerAction}
                        fields={{ classId: klass.id, userId: l.id }}
                        label="Remove"
                        accessibleLabel={`Remove ${l.name ?? l.email} from the class`}
                        variant="danger"
                        confirm={`Remove ${l.name ?? l.email} from ${klass.name}? Their own progress is kept, but teachers no longer see it.`}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">No learners yet. Share the join code or link above.</p>
        )}
      </section>
    </>
  );
}
