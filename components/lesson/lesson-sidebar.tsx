import Link from "next/link";
import type { ChapterMeta } from "@/lib/content/discover";

export function LessonSidebar({ chapter, currentId }: { chapter: ChapterMeta; currentId: string }) {
  return (
    <nav className="lesson-sidebar" aria-label={`Lessons in chapter ${chapter.number}`}>
      <h2>
        Chapter {chapter.number}: {chapter.frontmatter.title}
      </h2>
      <ol>
        {chapter.lessons.map((l, i) => (
          <li key={l.id}>
            <Link href={l.href} aria-current={l.id === currentId ? "page" : undefined}>
              {chapter.number}.{i + 1} {l.frontmatter.title}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
