import fs from "node:fs";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LessonBody } from "@/components/lesson/lesson-body";
import { TableOfContents } from "@/components/lesson/table-of-contents";
import { getCompiledMdx } from "@/lib/content/compile";
import { GLOSSARY_ID, glossaryFile } from "@/lib/content/discover";
import "./glossary.css";

export const metadata: Metadata = {
  title: "Glossary",
  description: "The terms of the course (switch point, GIL, free-threaded, process, worker, event loop, task…), each in a few sentences, with the lesson that teaches it.",
};

/** content/glossary/index.mdx: one definition per term; lessons link a term as /glossary#term (checked by content:check). */
export default async function GlossaryPage() {
  const file = glossaryFile();
  if (!fs.existsSync(file)) notFound();
  const compiled = await getCompiledMdx(fs.readFileSync(file, "utf8"), { file, lessonId: GLOSSARY_ID });
  return (
    <div className="glossary-layout">
      <main id="main" className="lesson-main">
        <article>
          <header className="lesson-header">
            <nav className="breadcrumb" aria-label="Breadcrumb">
              <Link href="/">Course</Link> › Glossary
            </nav>
            <h1>Glossary</h1>
          </header>
          <div className="prose glossary">
            <LessonBody code={compiled.code} />
          </div>
        </article>
      </main>
      <TableOfContents toc={compiled.toc} />
    </div>
  );
}
