// npm run new:lesson -- <chapter> <title>     (chapter: its slug, its number, or its folder name)
// npm run new:chapter -- <title>
// Scaffolds a numbered folder from scripts/templates/lesson: a valid draft lesson with an example, its golden
// output and an exercise (solution.py with its starter marked inside it, check, hints) that `npm run content:check`
// passes as it is.
import fs from "node:fs";
import path from "node:path";
import { contentRoot, numberedDirs } from "../lib/content/discover";

const TEMPLATE = path.join(import.meta.dirname, "templates", "lesson");
const [kind, ...rest] = process.argv.slice(2);

function fail(message: string): never {
  console.error(`new:${kind ?? "lesson"}: ${message}`);
  process.exit(2);
}

export function slugify(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

function nextFolder(parent: string, title: string): { dir: string; slug: string } {
  const slug = slugify(title);
  if (title.trim().length < 3 || !slug) fail(`"${title}" is not a usable title (at least 3 characters, some letters or digits)`);
  const siblings = numberedDirs(parent);
  if (siblings.some((s) => s.slug === slug)) fail(`${path.relative(process.cwd(), parent)} already has a folder with the slug "${slug}"`);
  const order = Math.max(0, ...siblings.map((s) => s.order)) + 1;
  return { dir: path.join(parent, `${String(order).padStart(2, "0")}.${slug}`), slug };
}

/** Copies the template, filling in {{title}}. */
function copyTemplate(from: string, to: string, values: Record<string, string>, created: string[]) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dest = path.join(to, entry.name);
    if (entry.isDirectory()) copyTemplate(src, dest, values, created);
    else {
      const text = fs.readFileSync(src, "utf8").replace(/\{\{(\w+)\}\}/g, (_m, k: string) => values[k] ?? "");
      fs.writeFileSync(dest, text);
      created.push(dest);
    }
  }
}

/** YAML-safe title: quoted when it holds characters YAML would read differently. */
const yamlString = (s: string) => (/^[\w][\w ,.'()?!-]*$/.test(s) && !/:\s/.test(s) ? s : JSON.stringify(s));

const root = contentRoot();
const created: string[] = [];
let lessonDir: string;
if (kind === "lesson") {
  const [chapterArg, ...titleWords] = rest;
  const title = titleWords.join(" ").trim();
  if (!chapterArg || !title) fail('usage: npm run new:lesson -- <chapter> "<lesson title>"   (chapter: slug, number or folder)');
  const chapters = numberedDirs(root);
  const chapter = chapters.find((c) => c.name === chapterArg || c.slug === chapterArg || (/^\d+$/.test(chapterArg) && c.order === Number(chapterArg)));
  if (!chapter) fail(`no chapter "${chapterArg}" in ${path.relative(process.cwd(), root)}/; chapters: ${chapters.map((c) => `${c.order} ${c.slug}`).join(", ") || "none (npm run new:chapter)"}`);
  lessonDir = nextFolder(path.join(root, chapter.name), title).dir;
  copyTemplate(TEMPLATE, lessonDir, { title: yamlString(title) }, created);
} else if (kind === "chapter") {
  const title = rest.join(" ").trim();
  if (!title) fail('usage: npm run new:chapter -- "<chapter title>"');
  const { dir } = nextFolder(root, title);
  fs.mkdirSync(dir, { recursive: true });
  const chapterFile = path.join(dir, "chapter.mdx");
  fs.writeFileSync(chapterFile, `---\ntitle: ${yamlString(title)}\nsummary: One or two sentences for the course catalog about what this chapter covers.\n---\n`);
  created.push(chapterFile);
  // A chapter needs a lesson to exist for learners; start it with a draft one.
  lessonDir = path.join(dir, "01.introduction");
  copyTemplate(TEMPLATE, lessonDir, { title: "Introduction" }, created);
} else {
  fail("usage: npm run new:lesson -- <chapter> <title>  |  npm run new:chapter -- <title>");
}

const rel = (f: string) => path.relative(process.cwd(), f);
console.log(`Created ${rel(lessonDir)}/ (a draft):`);
for (const f of created) console.log(`  ${rel(f)}`);
const [chapterName, lessonName] = lessonDir.split(path.sep).slice(-2).map((d) => d.replace(/^\d+\./, ""));
console.log(`
Next:
  npm run dev                    then open http://localhost:3000/author/preview/${chapterName}/${lessonName}
  npm run content:check -- ${chapterName}/${lessonName}
  Remove "draft: true" from index.mdx to publish. The authoring guide: content/README.md`);
