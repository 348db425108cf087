import Link from "next/link";
import type { LessonMeta } from "@/lib/content/discover";

/** `hrefOf` points the links elsewhere (the author's previews). */
export function LessonPager({ previous, next, hrefOf = (l) => l.href }: { previous?: LessonMeta; next?: LessonMeta; hrefOf?: (lesson: LessonMeta) => string }) {
  return (
    <nav className="lesson-pager" aria-label="Previous and next lesson">
      {previous ? (
        <Link href={hrefOf(previous)} rel="prev">
          <small>Previous</small>← {previous.frontmatter.title}
        </Link>
      ) : null}
      {next ? (
        <Link href={hrefOf(next)} rel="next" className="pager-next">
          <small>Next</small>
          {next.frontmatter.title} →
        </Link>
      ) : null}
    </nav>
  );
}
