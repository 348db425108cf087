import type { TocEntry } from "@/lib/content/compile";

export function TableOfContents({ toc }: { toc: TocEntry[] }) {
  if (toc.length === 0) return <div className="lesson-toc" />;
  return (
    <nav className="lesson-toc" aria-label="On this page">
      <h2>On this page</h2>
      <ol>
        {toc.map((entry) => (
          <li key={entry.id} className={`toc-depth-${entry.depth}`}>
            <a href={`#${entry.id}`}>{entry.text}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
