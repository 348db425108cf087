/**
 * Lesson compilation: MDX through mdx-bundler with the course's remark plugin (./remark-interleave.ts), GitHub-flavoured
 * Markdown, heading ids for the table of contents and Shiki highlighting; compiled lessons are cached by their
 * folder's modification time, one compile at a time.
 */
import fs from "node:fs";
import path from "node:path";
import GithubSlugger from "github-slugger";
import { bundleMDX } from "mdx-bundler";
import type { Element, Root as HastRoot } from "hast";
import rehypeShiki from "@shikijs/rehype";
import remarkGfm from "remark-gfm";
import { toString as hastToString } from "hast-util-to-string";
import { visit } from "unist-util-visit";
import { locate, type EsbuildLikeError } from "./mdx-syntax";
import { emptyManifest, type LessonManifest } from "./manifest";
import { remarkInterleave, type PluginOptions } from "./remark-interleave";
import { ContentError } from "./errors";

export type { BlockingCallSpec, ExampleSpec, ExerciseSpec, LessonManifest, LinkSpec, PossibleOutputsSpec } from "./manifest";

export interface TocEntry {
  id: string;
  text: string;
  depth: 2 | 3;
}

export interface CompiledLesson {
  code: string;
  toc: TocEntry[];
  manifest: LessonManifest;
}

/** Gives h2/h3 stable ids and records them for the table of contents. */
function rehypeHeadings(options: { toc: TocEntry[] }) {
  return (tree: HastRoot) => {
    const slugger = new GithubSlugger();
    visit(tree, "element", (node: Element) => {
      if (node.tagName !== "h2" && node.tagName !== "h3") return;
      const text = hastToString(node);
      const id = slugger.slug(text);
      node.properties = { ...node.properties, id };
      options.toc.push({ id, text, depth: node.tagName === "h2" ? 2 : 3 });
    });
  };
}

/** "content/01.chapter/02.lesson/index.mdx" → "chapter/lesson", the id progress and drafts are stored under. */
export function lessonIdOf(file: string): string {
  const dir = path.dirname(file);
  return [path.basename(path.dirname(dir)), path.basename(dir)].map((d) => d.replace(/^\d+\./, "")).join("/");
}

/** Compile one lesson's MDX body. Throws ContentError naming the file and line. */
export function compileLesson(file: string): Promise<CompiledLesson> {
  return compileMdx(fs.readFileSync(file, "utf8"), { file, lessonId: lessonIdOf(file) });
}

/**
 * Compile MDX that lives (or pretends to live, for the component catalog's snippets) at `file`: files it names are
 * read from that folder. Throws ContentError naming the file and line.
 */
export async function compileMdx(source: string, options: { file: string; lessonId: string; practice?: boolean }): Promise<CompiledLesson> {
  const { file, lessonId, practice } = options;
  const dir = path.dirname(file);
  const toc: TocEntry[] = [];
  const manifest: LessonManifest = emptyManifest();
  try {
    const result = await bundleMDX({
      source,
      cwd: dir,
      mdxOptions(mdx) {
        mdx.remarkPlugins = [...(mdx.remarkPlugins ?? []), remarkGfm, [remarkInterleave, { dir, lessonId, manifest, practice } satisfies PluginOptions]];
        mdx.rehypePlugins = [
          ...(mdx.rehypePlugins ?? []),
          [rehypeHeadings, { toc }],
          [
            rehypeShiki,
            {
              themes: { light: "github-light-default", dark: "github-dark-default" },
              defaultColor: false,
              langs: ["python", "bash", "console", "text", "json", "javascript"],
              fallbackLanguage: "text",
            },
          ],
        ];
        return mdx;
      },
    });
    return { code: result.code, toc, manifest };
  } catch (err) {
    const first = (err as EsbuildLikeError).errors?.[0];
    // A problem in a file the lesson inlines (an exercise's solution.py markers) names that file and its line.
    const cause: unknown = first?.detail?.cause;
    if (cause instanceof ContentError) throw cause;
    if (first) {
      const where = locate(first);
      throw new ContentError(file, where.line, where.text, where.column);
    }
    throw new ContentError(file, undefined, (err as Error).message);
  }
}

/**
 * Newest modification time of the lesson's folder and everything in it (examples and exercises are inlined at
 * compile time; a folder's own time changes when a file in it is added or removed).
 */
export function lessonMtime(file: string): number {
  const walk = (dir: string): number => {
    let newest = fs.statSync(dir).mtimeMs;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      newest = Math.max(newest, entry.isDirectory() ? walk(full) : fs.statSync(full).mtimeMs);
    }
    return newest;
  };
  return walk(path.dirname(file));
}

const cache = new Map<string, { key: string; result: Promise<CompiledLesson> }>();
let queue: Promise<unknown> = Promise.resolve();

function cached(cacheKey: string, version: string, compile: () => Promise<CompiledLesson>): Promise<CompiledLesson> {
  const hit = cache.get(cacheKey);
  if (hit && hit.key === version) return hit.result;
  const result = queue.then(compile);
  queue = result.catch(() => undefined);
  cache.set(cacheKey, { key: version, result });
  result.catch(() => cache.delete(cacheKey));
  return result;
}

/** compileLesson, cached by path + modification time, one compile at a time (esbuild and shiki are CPU-heavy). */
export function getCompiledLesson(file: string): Promise<CompiledLesson> {
  return cached(file, String(lessonMtime(file)), () => compileLesson(file));
}

/** compileMdx, cached by source and the folder's modification time (the component catalog's snippets). */
export function getCompiledMdx(source: string, options: { file: string; lessonId: string; practice?: boolean }): Promise<CompiledLesson> {
  return cached(`${options.file}\u0000${source}`, String(lessonMtime(options.file)), () => compileMdx(source, options));
}
