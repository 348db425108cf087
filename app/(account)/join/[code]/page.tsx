import type { Metadata } from "next";
import Link from "next/link";
import { JoinClassForm } from "@/components/teach/forms";
import { getCurrentUser } from "@/lib/auth";
import { findClassByCode } from "@/lib/data/classes";
import { joinClassAction } from "../../class-actions";
import "@/components/teach/teach.css";
import { FormSuccess } from "@/components/ui/form-feedback";
import "@/components/auth/auth.css";

export const metadata: Metadata = { title: "Join a class" };
export const dynamic = "force-dynamic";

export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const code = decodeURIComponent((await params).code);
  const user = await getCurrentUser();
  const klass = await findClassByCode(code, user?.id);
  const back = `/join/${encodeURIComponent(code)}`;

  if (!klass || klass.archived) {
    return (
      <main id="main" className="auth-page">
        <h1>{klass ? `${klass.name} is archived` : "No class has this code"}</h1>
        <p className="form-error" role="alert">
          {klass
            ? "Its teacher has archived this class, so it no longer takes learners. Ask your teacher for the current class's code."
            : `“${code}” is not the code of any class. Check it with your teacher: codes look like K7PQ-M4XD, and a code stops working when the teacher makes a new one.`}
        </p>
        {user ? <JoinClassForm action={joinClassAction} /> : null}
      </main>
    );
  }

  return (
    <main id="main" className="auth-page">
      <p className="auth-lead">You are invited to join</p>
      <h1>{klass.name}</h1>
      {klass.description ? <p>{klass.description}</p> : null}
      <p className="muted">Its teachers will see your progress in the course: lessons opened and completed, and your exercise attempts with their code. You can leave the class at any time.</p>
      {klass.relation === "learner" ? (
        <FormSuccess>
          You are already in this class. <Link href="/me">See its assignments</Link>.
        </FormSuccess>
      ) : klass.relation === "teacher" ? (
        <p className="notice">
          You teach this class. <Link href={`/teach/classes/${klass.id}`}>Open it</Link>.
        </p>
      ) : user ? (
        <JoinClassForm action={joinClassAction} fixedCode={code} submitLabel={`Join ${klass.name}`} />
      ) : (
        <p className="button-row">
          <Link className="button button-primary" href={`/sign-in?callbackUrl=${encodeURIComponent(back)}`}>
            Sign in to join
          </Link>
          <Link className="button" href={`/sign-up?callbackUrl=${encodeURIComponent(back)}`}>
            Create an account
          </Link>
        </p>
      )}
    </main>
  );
}
