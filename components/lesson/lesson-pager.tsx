import Link from "next/link";
import type { LessonMeta } from "@/lib/content/discover";

export function LessonPager({ previous, next }: { previous?: LessonMeta; next?: LessonMeta }) {
  return (
    <nav className="lesson-pager" aria-label="Previous and next lesson">
      {previous ? (
        <Link href={previous.href} rel="prev">
          <small>Previous</small>← {previous.frontmatter.title}
        </Link>
      ) : null}
      {next ? (
        <Link href={next.href} rel="next" className="pager-next">
          <small>Next</small>
          {next.frontmatter.title} →
        </Link>
      ) : null}
    </nav>
  );
}
