import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { preinitModule } from "react-dom";
import { ContentLiveReload } from "@/components/lesson/content-live-reload";
import { LessonArticle } from "@/components/lesson/lesson-article";
import { LessonPager } from "@/components/lesson/lesson-pager";
import { LessonSidebar } from "@/components/lesson/lesson-sidebar";
import { TableOfContents } from "@/components/lesson/table-of-contents";
import { LessonProgressTracker, MarkComplete } from "@/components/progress/lesson-progress";
import { getCompiledLesson } from "@/lib/content/compile";
import { findLesson, getCourse } from "@/lib/content/discover";

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
  // Every lesson runs Python: its worker starts from <head> while the page is parsed, not after hydration (the
  // runtime adopts it; lib/python/client/spawn.ts). A same-origin script, allowed by the page's CSP ('self').
  preinitModule("/runtime/early.mjs", { as: "script" });

  return (
    <div className="lesson-layout">
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
