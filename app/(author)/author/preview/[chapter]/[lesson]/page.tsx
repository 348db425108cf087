import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import path from "node:path";
import { ContentLiveReload } from "@/components/lesson/content-live-reload";
import { LessonArticle } from "@/components/lesson/lesson-article";
import { LessonPager } from "@/components/lesson/lesson-pager";
import { TableOfContents } from "@/components/lesson/table-of-contents";
import { requireAuthor } from "@/lib/authoring";
import { lessonFingerprint, readContentReport } from "@/lib/content/check-report";
import { getCompiledLesson, type CompiledLesson } from "@/lib/content/compile";
import { findLesson, loadCourse, type LessonMeta } from "@/lib/content/discover";
import { ContentError } from "@/lib/content/errors";

export const dynamic = "force-dynamic";

interface Params {
  chapter: string;
  lesson: string;
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { chapter, lesson } = await params;
  return { title: `Preview: ${chapter}/${lesson}` };
}

const where = (err: ContentError) => `${path.relative(process.cwd(), err.file)}${err.line ? `:${err.line}${err.column ? `:${err.column}` : ""}` : ""}`;

/**
 * A lesson as learners will see it, drafts included, re-rendered when a file of the lesson is saved (live reload, in
 * development and for authors on a running server). A broken lesson shows its error with file and line instead.
 */
export default async function PreviewPage({ params }: { params: Promise<Params> }) {
  await requireAuthor();
  const { chapter: chapterSlug, lesson: lessonSlug } = await params;
  let found: ReturnType<typeof findLesson>;
  let courseError: ContentError | null = null;
  try {
    found = findLesson(loadCourse(), chapterSlug, lessonSlug);
  } catch (err) {
    if (!(err instanceof ContentError)) throw err;
    courseError = err;
  }
  if (courseError) {
    return (
      <main id="main" className="page author-page">
        <h1>Preview</h1>
        <p role="alert">The course cannot be read. Save a fix and this page updates.</p>
        <pre className="content-error">{`${where(courseError)}: ${courseError.detail}`}</pre>
        <ContentLiveReload always />
      </main>
    );
  }
  if (!found) notFound();
  const { lesson, chapter, previous, next } = found;
  const fm = lesson.frontmatter;
  let compiled: CompiledLesson | null = null;
  let error: ContentError | null = null;
  try {
    compiled = await getCompiledLesson(lesson.file);
  } catch (err) {
    if (!(err instanceof ContentError)) throw err;
    error = err;
  }
  const report = readContentReport()?.lessons.find((l) => l.id === lesson.id);
  const stale = report ? lessonFingerprint(lesson.file) !== report.fingerprint : false;
  const preview = (l: LessonMeta) => `/author/preview/${l.chapterSlug}/${l.slug}`;

  return (
    <div className="lesson-layout author-preview">
      <aside className="lesson-sidebar author-preview-bar" aria-label="Preview">
        <span className="author-badge" data-kind={fm.draft ? "draft" : "published"}>
          {fm.draft ? "Draft" : "Published"}
        </span>
        <span>
          Preview of <code>{lesson.id}</code>. Saving a file of this lesson updates the page.
        </span>
        {report ? (
          <span className="author-badge" data-kind={stale ? "stale" : report.problems.length ? "failed" : "passed"}>
            {stale ? "Changed since the last check" : report.problems.length ? `Last check: ${report.problems.length} problems` : "Last check passed"}
          </span>
        ) : null}
        {!fm.draft ? <Link href={lesson.href}>Open as learners see it</Link> : null}
        <Link href="/author">All lessons</Link>
      </aside>
      <main id="main" className="lesson-main">
        <LessonArticle
          frontmatter={fm}
          code={compiled?.code}
          breadcrumb={
            <>
              <Link href="/author">Lessons</Link> › Chapter {chapter.number}: {chapter.frontmatter.title}
            </>
          }
          extraMeta={fm.prerequisites.length ? <p className="lesson-meta">Before this: {fm.prerequisites.join(", ")}</p> : null}
        >
          {error ? (
            <div role="alert" className="author-compile-error">
              <h2>This lesson does not compile</h2>
              <pre className="content-error">{`${where(error)}: ${error.detail}`}</pre>
              <p>Save a fix and this page updates by itself.</p>
            </div>
          ) : null}
        </LessonArticle>
        <LessonPager previous={previous} next={next} hrefOf={preview} />
      </main>
      {compiled ? <TableOfContents toc={compiled.toc} /> : null}
      <ContentLiveReload always />
    </div>
  );
}
