import Link from "next/link";
import { ActionButton } from "@/components/ui/action-button";
import type { FormAction } from "@/components/ui/use-form-action";
import { JoinClassForm } from "./forms";
import { LocalTime } from "@/components/ui/local-time";
import "./teach.css";
import { FormSuccess } from "@/components/ui/form-feedback";

export interface MyClass {
  id: string;
  name: string;
  description: string | null;
  archived: boolean;
  teachers: string[];
  assignments: { lessonId: string; title: string; href: string; dueAt: number | null; completedAt: number | null; overdue: boolean }[];
}

/** The learner's classes with their assignments and due dates, a join form and a way to leave. */
export function MyClasses({
  classes,
  joinAction,
  leaveAction,
  joinedId,
  already,
  left,
}: {
  classes: MyClass[];
  joinAction: FormAction;
  leaveAction: FormAction;
  joinedId?: string;
  already?: boolean;
  left?: boolean;
}) {
  const joined = joinedId ? classes.find((c) => c.id === joinedId) : undefined;
  return (
    <section aria-labelledby="classes-title" className="my-classes">
      <h2 id="classes-title">Your classes</h2>
      {joined ? (
        <FormSuccess>
          {already ? `You are already in ${joined.name}.` : `You joined ${joined.name}. Its assignments are listed below.`}
        </FormSuccess>
      ) : null}
      {left ? (
        <FormSuccess>
          You left the class. Its teachers no longer see your progress; your own progress is kept.
        </FormSuccess>
      ) : null}
      {classes.length ? (
        <ul className="my-class-list">
          {classes.map((c) => {
            const open = c.assignments.filter((a) => !a.completedAt);
            return (
              <li key={c.id} className="card class-card">
                <div className="class-card-head">
                  <h3>{c.name}</h3>
                  <ActionButton
                    action={leaveAction}
                    fields={{ classId: c.id }}
                    label="Leave class"
                    accessibleLabel={`Leave ${c.name}`}
                    variant="danger"
                    confirm={`Leave ${c.name}? Its teachers will no longer see your progress. You keep your progress.`}
                  />
                </div>
                <p className="class-card-meta">
                  Taught by {c.teachers.join(", ")}
                  {c.archived ? " · archived by the teacher" : ""}
                </p>
                {c.archived ? null : c.assignments.length ? (
                  <>
                    <p className="muted">
                      {c.assignments.length - open.length} of {c.assignments.length} assigned lessons completed
                    </p>
                    <ul className="assignment-list">
                      {c.assignments.map((a) => (
                        <li key={a.lessonId} data-state={a.completedAt ? "done" : a.overdue ? "overdue" : "open"}>
                          <Link href={a.href}>{a.title}</Link>
                          <span className="assignment-due">
                            {a.completedAt ? (
                              <span className="status-badge" data-status="completed">
                                ✓ Completed
                              </span>
                            ) : null}
                            {a.dueAt !== null ? (
                              <span className={a.overdue ? "tag tag-danger" : "tag"}>
                                {a.overdue ? "Overdue: was due " : "Due "}
                                <LocalTime at={a.dueAt} />
                              </span>
                            ) : (
                              <span className="tag">No due date</span>
                            )}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </>
                ) : (
                  <p className="muted">Nothing assigned yet.</p>
                )}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">You are not in a class. If your teacher gave you a code, enter it here.</p>
      )}
      <details className="join-details" open={classes.length === 0}>
        <summary>Join a class with a code</summary>
        <JoinClassForm action={joinAction} />
      </details>
    </section>
  );
}
