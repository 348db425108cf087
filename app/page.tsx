import Link from "next/link";
import { ChapterProgress, ContinueButton, LessonStatus } from "@/components/progress/catalog-progress";
import { AssignedBadge } from "@/components/teach/assigned-badge";
import { getCourse } from "@/lib/content/discover";
import "./home.css";

export default function CatalogPage() {
  const course = getCourse();
  const totalMinutes = course.lessons.reduce((sum, l) => sum + l.frontmatter.minutes, 0);
  return (
    <main id="main" className="page">
      <section className="hero">
        <div className="hero-text">
          <h1>Python concurrency that really runs</h1>
          <p>
            Threads, processes, the GIL and asyncio — explained from first principles, with examples you can edit and run
            right here. Your code runs in your browser, and it really runs concurrently.
          </p>
          <ContinueButton lessons={course.lessons.map((l) => ({ id: l.id, href: l.href, title: l.frontmatter.title }))} />
        </div>
        <ul className="hero-points" aria-label="What you do here">
          <li>
            <strong>Run real threads.</strong> <code>threading</code>, <code>multiprocessing</code> and <code>asyncio</code> programs from any textbook, unmodified, in CPython 3.14.
          </li>
          <li>
            <strong>See who held the GIL.</strong> Every run that used threads draws its timeline: who ran, who waited, where the switches fell.
          </li>
          <li>
            <strong>Be the scheduler.</strong> Step through a race one switch at a time and pick which thread runs next.
          </li>
          <li>
            <strong>Check your answers.</strong> Exercises run their checks on your code and keep your progress, with or without an account.
          </li>
        </ul>
      </section>
      <h2 className="visually-hidden">Chapters</h2>
      <p className="lesson-meta">
        {course.chapters.length} {course.chapters.length === 1 ? "chapter" : "chapters"} · {course.lessons.length}{" "}
        {course.lessons.length === 1 ? "lesson" : "lessons"} · about {Math.round(totalMinutes / 6) / 10} hours
      </p>
      <ol className="chapter-list">
        {course.chapters.map((chapter) => (
          <li key={chapter.slug} className="card chapter-card" aria-labelledby={`chapter-${chapter.slug}`}>
            <span className="chapter-eyebrow">Chapter {chapter.number}</span>
            <h2 id={`chapter-${chapter.slug}`}>{chapter.frontmatter.title}</h2>
            <p>{chapter.frontmatter.summary}</p>
            <ChapterProgress lessonIds={chapter.lessons.map((l) => l.id)} />
            <ol className="lesson-list">
              {chapter.lessons.map((lesson, i) => (
                <li key={lesson.id} className="lesson-row">
                  <Link href={lesson.href}>
                    <span className="lesson-number" aria-hidden="true">
                      {chapter.number}.{i + 1}
                    </span>
                    <span>
                      <span className="lesson-title">{lesson.frontmatter.title}</span>
                      <span className="lesson-summary">{lesson.frontmatter.summary}</span>
                    </span>
                    <span className="lesson-minutes">
                      <AssignedBadge lessonId={lesson.id} /> <LessonStatus lessonId={lesson.id} /> {lesson.frontmatter.minutes} min
                    </span>
                  </Link>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </main>
  );
}
