// npm run content:check -- [--update] [chapter-slug[/lesson-slug] ...]
// Runs every example and exercise of the course through the site's own Python runtime in headless Chromium and
// resolves every link; problems name the file and line (name author/catalog to check the component catalog alone). --update rewrites golden outputs (x.out) from the actual
// output. Writes .content-check.json for the /author pages. Exit code 1 when anything is wrong.
import path from "node:path";
import { checkContent, formatProblem, REPORT_FILE } from "../lib/content/check";
import { CATALOG_FILE, COMPONENT_DOCS } from "../components/mdx/catalog";
import { ROOT } from "../lib/python/harness/node";

const args = process.argv.slice(2);
const update = args.includes("--update");
const only = args.filter((a) => !a.startsWith("--"));
const unknown = args.filter((a) => a.startsWith("--") && a !== "--update");
if (unknown.length) {
  console.error(`content:check: unknown option ${unknown.join(" ")}\nusage: npm run content:check -- [--update] [chapter-slug[/lesson-slug] ...]`);
  process.exit(2);
}

const catalog = { id: "author/catalog", title: "the component catalog (/author/components)", file: path.join(ROOT, CATALOG_FILE), sources: COMPONENT_DOCS.map((d) => d.example) };
const report = await checkContent({ only, update, extra: [catalog], log: (line) => console.log(line), reportFile: path.join(ROOT, REPORT_FILE) });
for (const p of report.problems) console.log(`✖ ${formatProblem(p)}`);
for (const f of report.updated) console.log(`updated ${path.relative(process.cwd(), f)}`);
const problems = report.problems.length + report.lessons.reduce((n, l) => n + l.problems.length, 0);
const programs = report.lessons.reduce((n, l) => n + l.programs, 0);
console.log(
  `\n${problems ? `✖ ${problems} problem${problems === 1 ? "" : "s"}` : "✔ content is fine"}: ${report.lessons.length} lessons, ${programs} programs run in ${(report.durationMs / 1000).toFixed(1)} s`,
);
// The harness's Chromium is closed; Prisma-free, but exit explicitly so a stray handle cannot keep us alive.
process.exit(problems ? 1 : 0);
