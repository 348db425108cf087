import type { ReactNode } from "react";
import type { LessonFrontmatter } from "@/lib/content/schema";
import { LessonBody } from "./lesson-body";

/**
 * A lesson as it reads: breadcrumb, title, time and summary, objectives, then the compiled body (or, in an author's
 * preview, what stands in for a body that does not compile). The learn page and the author's preview share it, so
 * a preview shows what learners will see.
 */
export function LessonArticle({
  frontmatter: fm,
  breadcrumb,
  code,
  extraMeta,
  children,
}: {
  frontmatter: LessonFrontmatter;
  breadcrumb: ReactNode;
  /** The compiled MDX; without it, `children` takes the body's place. */
  code?: string;
  extraMeta?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <article>
      <header className="lesson-header">
        <nav className="breadcrumb" aria-label="Breadcrumb">
          {breadcrumb}
        </nav>
        <h1>{fm.title}</h1>
        <p className="lesson-meta">
          {fm.minutes} min · {fm.summary}
        </p>
        {extraMeta}
        <section className="objectives" aria-labelledby="objectives-title">
          <h2 id="objectives-title">In this lesson you will</h2>
          <ul>
            {fm.objectives.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        </section>
      </header>
      {code !== undefined ? (
        <div className="prose">
          <LessonBody code={code} />
        </div>
      ) : (
        children
      )}
    </article>
  );
}
