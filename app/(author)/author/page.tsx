import type { Metadata } from "next";
import Link from "next/link";
import path from "node:path";
import { lessonFingerprint, readContentReport, type LessonReport } from "@/lib/content/check-report";
import { loadCourse, type Course } from "@/lib/content/discover";
import { ContentError } from "@/lib/content/errors";
import { requireAuthor } from "@/lib/authoring";
import { TableHead } from "@/components/ui/table-head";

export const metadata: Metadata = { title: "Lessons" };
export const dynamic = "force-dynamic";

function ago(ms: number): string {
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}

type CheckState = { kind: "passed" | "failed" | "stale" | "unchecked"; label: string };

function checkState(entry: LessonReport | undefined, fingerprint: string): CheckState {
  if (!entry) return { kind: "unchecked", label: "Not run yet" };
  if (entry.fingerprint !== fingerprint) return { kind: "stale", label: entry.problems.length ? "Failed, changed since" : "Changed since the check" };
  if (entry.problems.length) return { kind: "failed", label: `${entry.problems.length} ${entry.problems.length === 1 ? "problem" : "problems"}` };
  return { kind: "passed", label: "Passed" };
}

const rel = (file: string) => path.relative(process.cwd(), file);

export default async function AuthorHome() {
  await requireAuthor();
  let course: Course;
  try {
    // Read afresh (the learners' course is cached in production): authors see what is on disk now.
    course = loadCourse();
  } catch (err) {
    if (!(err instanceof ContentError)) throw err;
    return (
      <main id="main" className="page author-page">
        <h1>Lessons</h1>
        <p>The course cannot be read. Fix this and reload:</p>
        <pre className="content-error">{`${rel(err.file)}${err.line ? `:${err.line}` : ""}: ${err.detail}`}</pre>
      </main>
    );
  }
  const report = readContentReport();
  const byId = new Map(report?.lessons.map((l) => [l.id, l]));
  const rows = course.lessons.map((lesson) => ({ lesson, entry: byId.get(lesson.id), state: checkState(byId.get(lesson.id), lessonFingerprint(lesson.file)) }));
  const drafts = rows.filter((r) => r.lesson.frontmatter.draft).length;
  const failing = rows.filter((r) => r.state.kind === "failed" || (r.state.kind === "stale" && r.entry?.problems.length));

  return (
    <main id="main" className="page author-page">
      <h1>Lessons</h1>
      <p className="author-lead">
        {course.lessons.length} lessons in {course.chapters.length} {course.chapters.length === 1 ? "chapter" : "chapters"}, {drafts}{" "}
        {drafts === 1 ? "draft" : "drafts"} (hidden from learners).{" "}
        {report ? (
          <>
            Last content check {ago(report.finishedAt)} ({(report.durationMs / 1000).toFixed(0)} s):{" "}
            <strong data-ok={report.ok}>{report.ok ? "everything passed" : "problems found"}</strong>.
          </>
        ) : (
          <>No content check has run yet.</>
        )}{" "}
        Run <code>npm run content:check</code> to refresh, and see <Link href="/author/components">the component catalog</Link> for what lessons can use.
      </p>

      {report?.problems.length ? (
        <pre className="content-error">{report.problems.map((p) => `${rel(p.file)}${p.line ? `:${p.line}` : ""}: ${p.message}`).join("\n")}</pre>
      ) : null}

      {course.chapters.map((chapter) => (
        <section key={chapter.slug} className="author-chapter" aria-labelledby={`ch-${chapter.slug}`}>
          <h2 id={`ch-${chapter.slug}`}>
            <span className="chapter-eyebrow">Chapter {chapter.number}</span> {chapter.frontmatter.title}
          </h2>
          <div className="author-table-wrap">
            <table className="author-table">
              <TableHead columns={["Lesson", "Status", "Content check", { label: "Examples", className: "num" }, { label: "Exercises", className: "num" }]} />
              <tbody>
                {rows
                  .filter((r) => r.lesson.chapterSlug === chapter.slug)
                  .map(({ lesson, entry, state }) => (
                    <tr key={lesson.id}>
                      <th scope="row">
                        <Link href={`/author/preview/${lesson.chapterSlug}/${lesson.slug}`}>{lesson.frontmatter.title}</Link>
                        <span className="author-id">{lesson.id}</span>
                      </th>
                      <td>
                        <span className="author-badge" data-kind={lesson.frontmatter.draft ? "draft" : "published"}>
                          {lesson.frontmatter.draft ? "Draft" : "Published"}
                        </span>
                      </td>
                      <td>
                        <span className="author-badge" data-kind={state.kind}>
                          <span aria-hidden="true">{state.kind === "passed" ? "✓ " : state.kind === "failed" ? "✕ " : state.kind === "stale" ? "↻ " : ""}</span>
                          {state.label}
                        </span>
                      </td>
                      {/* Known from the MDX without running anything; the check's own counts once it has run on this version. */}
                      <td className="num">{state.kind === "passed" || state.kind === "failed" ? entry!.examples : lesson.examples}</td>
                      <td className="num">{state.kind === "passed" || state.kind === "failed" ? entry!.exercises : lesson.exercises.length}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}

      {failing.length ? (
        <section aria-labelledby="problems-title" className="author-problems">
          <h2 id="problems-title">Problems from the last check</h2>
          {failing.map(({ lesson, entry }) => (
            <div key={lesson.id}>
              <h3>
                <Link href={`/author/preview/${lesson.chapterSlug}/${lesson.slug}`}>{lesson.frontmatter.title}</Link>
              </h3>
              <pre className="content-error">{entry!.problems.map((p) => `${rel(p.file)}${p.line ? `:${p.line}` : ""}: ${p.message}`).join("\n")}</pre>
            </div>
          ))}
        </section>
      ) : null}
    </main>
  );
}
