/**
 * content:check's link check: every prerequisite a lesson names and every link it makes (to a lesson, a heading, a
 * glossary term or a page of the app) must lead somewhere a learner can go.
 */
import fs from "node:fs";
import type { CompiledLesson } from "./compile";
import { GLOSSARY_ID, GLOSSARY_PATH, type Course, type LessonMeta } from "./discover";
import { ContentError } from "./errors";
import type { Problem } from "./check-report";

/** Routes outside /learn that lessons may link to. */
const APP_ROUTES = new Set(["/", "/sign-in", "/sign-up", "/me", "/settings"]);

export function checkLinks(lesson: LessonMeta, compiled: CompiledLesson, course: Course, all: Map<string, CompiledLesson | ContentError>, problems: Problem[]) {
  const byId = new Map(course.lessons.map((l) => [l.id, l]));
  const anchors = (id: string) => {
    const c = all.get(id);
    return c && !(c instanceof ContentError) ? new Set(c.toc.map((t) => t.id)) : null;
  };
  for (const p of lesson.frontmatter.prerequisites) {
    const target = byId.get(p);
    if (!target) problems.push({ file: lesson.file, line: frontmatterLine(lesson.file, "prerequisites"), message: `prerequisite "${p}" is not a lesson` });
    else if (target.frontmatter.draft && !lesson.frontmatter.draft) problems.push({ file: lesson.file, line: frontmatterLine(lesson.file, "prerequisites"), message: `prerequisite "${p}" is a draft, hidden from learners` });
  }
  for (const link of compiled.manifest.links) {
    const fail = (message: string) => problems.push({ file: lesson.file, line: link.line, message: `link ${link.url}: ${message}` });
    const url = link.url;
    if (/^(https?:|mailto:)/.test(url)) continue;
    const [pathname = "", fragment] = url.split("#", 2);
    if (pathname === "") {
      if (fragment && !anchors(lesson.id)?.has(fragment)) fail(`no heading #${fragment} in this lesson`);
      continue;
    }
    if (!pathname.startsWith("/")) {
      fail('use a site path such as /learn/chapter-slug/lesson-slug (relative links break when lessons move)');
      continue;
    }
    if (pathname.replace(/\/$/, "") === GLOSSARY_PATH) {
      const terms = anchors(GLOSSARY_ID);
      if (!terms) fail("the glossary (content/glossary/index.mdx) is missing or does not compile");
      else if (fragment && !terms.has(fragment)) fail(`no term #${fragment} in the glossary (terms: ${[...terms].join(", ")})`);
      continue;
    }
    const learn = /^\/learn\/([a-z0-9-]+)\/([a-z0-9-]+)\/?$/.exec(pathname);
    if (learn) {
      const id = `${learn[1]}/${learn[2]}`;
      const target = byId.get(id);
      if (!target) fail(`no lesson "${id}"`);
      else if (target.frontmatter.draft && !lesson.frontmatter.draft) fail(`"${id}" is a draft, hidden from learners`);
      else if (fragment && !anchors(id)?.has(fragment)) fail(`no heading #${fragment} in ${id}`);
      continue;
    }
    if (!APP_ROUTES.has(pathname.replace(/\/$/, "") || "/")) fail("no such page on the site");
  }
}

function frontmatterLine(file: string, key: string): number | undefined {
  const idx = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .findIndex((l) => l.startsWith(`${key}:`));
  return idx >= 0 ? idx + 1 : undefined;
}
