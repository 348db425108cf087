import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ContentLiveReload } from "@/components/lesson/content-live-reload";
import { LessonArticle } from "@/components/lesson/lesson-article";
import { LessonPager } from "@/components/lesson/lesson-pager";
import { LessonSidebar } from "@/components/lesson/lesson-sidebar";
import { TableOfContents } from "@/components/lesson/table-of-contents";
import { LessonProgressTracker, MarkComplete } from "@/components/progress/lesson-progress";
import { getCompiledLesson } from "@/lib/content/compile";
import { findLesson, getCourse } from "@/lib/content/discover";
import { earlyStartScript } from "@/lib/python/serve/early-script";

interface Params {
  chapter: string;
  lesson: string;
}

export const dynamicParams = false;

export function generateStaticParams(): Params[] {
  return getCourse().lessons.map((l) => ({ chapter: l.chapterSlug, lesson: l.slug }));
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { chapter, lesson } = await params;
  const found = findLesson(getCourse(), chapter, lesson);
  if (!found) return {};
  return { title: found.lesson.frontmatter.title, description: found.lesson.frontmatter.summary };
}

export default async function LessonPage({ params }: { params: Promise<Params> }) {
  const { chapter: chapterSlug, lesson: lessonSlug } = await params;
  const found = findLesson(getCourse(), chapterSlug, lessonSlug);
  if (!found) notFound();
  const { lesson, chapter, previous, next } = found;
  const compiled = await getCompiledLesson(lesson.file);
  // Every lesson runs Python: its worker starts as the parser reaches this inline script, not after hydration (the
  // runtime adopts it; lib/python/client/spawn.ts). Prerendered pages' inline scripts are allowed by their hash
  // (scripts/csp-manifest.ts). Not under `next dev`, whose per-request nonce this static text cannot carry: there
  // Python starts when the first runner mounts.
  const early = process.env.NODE_ENV === "production" ? earlyStartScript() : null;

  return (
    <div className="lesson-layout">
      {early ? <script dangerouslySetInnerHTML={{ __html: early }} /> : null}
      <LessonSidebar chapter={chapter} currentId={lesson.id} />
      <main id="main" className="lesson-main">
        <LessonProgressTracker lessonId={lesson.id} />
        <LessonArticle
          frontmatter={lesson.frontmatter}
          code={compiled.code}
          breadcrumb={
            <>
              <Link href="/">Course</Link> › Chapter {chapter.number}: {chapter.frontmatter.title}
            </>
          }
        />
        <MarkComplete lessonId={lesson.id} nextHref={next?.href} />
        <LessonPager previous={previous} next={next} />
      </main>
      <TableOfContents toc={compiled.toc} />
      {process.env.NODE_ENV === "development" ? <ContentLiveReload /> : null}
    </div>
  );
}
