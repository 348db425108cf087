import type { Metadata } from "next";
import path from "node:path";
import { LessonBody } from "@/components/lesson/lesson-body";
import { CATALOG_FILE, COMPONENT_DOCS } from "@/components/mdx/catalog";
import { requireAuthor } from "@/lib/authoring";
import { getCompiledMdx, type CompiledLesson } from "@/lib/content/compile";
import { ContentError } from "@/lib/content/errors";
import { TableHead } from "@/components/ui/table-head";

export const metadata: Metadata = { title: "Components" };
export const dynamic = "force-dynamic";

/** Every component a lesson may use, with its props and a live example compiled by the lesson pipeline itself. */
export default async function ComponentCatalog() {
  await requireAuthor();
  // The snippets compile as if they lived in the catalog's folder (the files they name are read there, at run time
  // from the project, as lessons are): not a file for the build to trace, which would otherwise take in the project.
  const file = path.join(/* turbopackIgnore: true */ process.cwd(), CATALOG_FILE);
  const examples: (CompiledLesson | ContentError)[] = [];
  for (const doc of COMPONENT_DOCS) {
    try {
      examples.push(await getCompiledMdx(doc.example, { file, lessonId: "author/catalog", practice: true }));
    } catch (err) {
      if (!(err instanceof ContentError)) throw err;
      examples.push(err);
    }
  }

  return (
    <div className="page author-page author-catalog">
      <main id="main">
        <h1>Components</h1>
        <p className="author-lead">
          What a lesson&apos;s MDX may use (anything else fails the build with its file and line). Each example below is live: it is
          compiled by the lesson pipeline and runs in your browser. Exercises here are practice: checks are not saved.
        </p>
        {COMPONENT_DOCS.map((doc, i) => {
          const compiled = examples[i]!;
          return (
            <section key={doc.name} className="catalog-entry" aria-labelledby={`c-${doc.name}`}>
              <h2 id={`c-${doc.name}`}>
                <code>&lt;{doc.name}&gt;</code>
                {doc.with?.map((w) => (
                  <code key={w} className="catalog-with">
                    &lt;{w}&gt;
                  </code>
                ))}
              </h2>
              <p>{doc.summary}</p>
              <div className="author-table-wrap">
                <table className="author-table catalog-props">
                  <caption className="visually-hidden">Props of {doc.name}</caption>
                  <TableHead columns={["Prop", "Type", "Default", "What it does"]} />
                  <tbody>
                    {doc.props.map((p) => (
                      <tr key={p.name}>
                        <th scope="row">
                          <code>{p.name}</code>
                          {p.required ? <span className="catalog-required">required</span> : null}
                        </th>
                        <td>
                          <code>{p.type}</code>
                        </td>
                        <td>{p.default ? <code>{p.default}</code> : "–"}</td>
                        <td>{p.description}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {doc.notes ? <p className="catalog-notes">{doc.notes}</p> : null}
              <div className="catalog-example">
                <div className="catalog-source">
                  <p className="catalog-label">MDX</p>
                  <pre tabIndex={0} aria-label={`MDX source of the ${doc.name} example`}>
                    <code>{doc.example}</code>
                  </pre>
                </div>
                <div className="catalog-live prose">
                  <p className="catalog-label">Live</p>
                  {compiled instanceof ContentError ? <pre className="content-error">{compiled.message}</pre> : <LessonBody code={compiled.code} />}
                </div>
              </div>
            </section>
          );
        })}
      </main>
    </div>
  );
}
