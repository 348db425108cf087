import fs from "node:fs";
import path from "node:path";
import GithubSlugger from "github-slugger";
import { bundleMDX } from "mdx-bundler";
import type { Element, Root as HastRoot } from "hast";
import type { Root as MdastRoot } from "mdast";
import rehypeShiki from "@shikijs/rehype";
import remarkGfm from "remark-gfm";
import { toString as hastToString } from "hast-util-to-string";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { FILE_BACKED_COMPONENTS, MDX_COMPONENT_NAMES } from "@/components/mdx/registry";
import { ContentError } from "./errors";

export interface TocEntry {
  id: string;
  text: string;
  depth: 2 | 3;
}

export interface CompiledLesson {
  code: string;
  toc: TocEntry[];
}

interface MdxJsxAttribute {
  type: "mdxJsxAttribute";
  name: string;
  value?: string | null | { type: string; value: string };
}
interface MdxJsxElement {
  type: "mdxJsxFlowElement" | "mdxJsxTextElement";
  name: string | null;
  attributes: (MdxJsxAttribute | { type: "mdxJsxExpressionAttribute" })[];
  position?: { start: { line: number; column: number } };
}

const allowed = new Set<string>(MDX_COMPONENT_NAMES);

/** Rejects unknown components and inlines `file="example.py"` into `code` for file-backed components. */
function remarkInterleave(options: { dir: string; lessonId: string }) {
  return (tree: MdastRoot, file: VFile) => {
    let runners = 0;
    visit(tree, (node) => {
      const type: string = node.type; // MDX node types are not in plain mdast typings
      if (type !== "mdxJsxFlowElement" && type !== "mdxJsxTextElement") return;
      const el = node as unknown as MdxJsxElement;
      if (!el.name || !/^[A-Z]/.test(el.name)) return; // fragments and plain HTML elements
      if (!allowed.has(el.name)) {
        file.fail(
          `unknown component <${el.name}>: lessons may use only ${MDX_COMPONENT_NAMES.map((n) => `<${n}>`).join(", ")} (registered in components/mdx/registry.ts)`,
          node,
        );
      }
      if (el.name === "Figure") inlineFigure(el, node, file, options.dir);
      if (el.name === "CodeRunner") {
        // A stable id for the learner's saved edits: the example's file name, or its position in the lesson.
        runners += 1;
        const fileName = el.attributes.find((a): a is MdxJsxAttribute => a.type === "mdxJsxAttribute" && a.name === "file")?.value;
        const runnerId = `${options.lessonId}:${typeof fileName === "string" ? fileName : `example-${runners}`}`;
        el.attributes.push({ type: "mdxJsxAttribute", name: "runnerId", value: runnerId });
      }
      if (!FILE_BACKED_COMPONENTS.includes(el.name)) return;
      const fileAttr = el.attributes.find((a): a is MdxJsxAttribute => a.type === "mdxJsxAttribute" && a.name === "file");
      if (!fileAttr) return;
      if (typeof fileAttr.value !== "string") file.fail(`<${el.name} file=…> must be a plain string`, node);
      const rel = fileAttr.value as string;
      const abs = path.resolve(options.dir, rel);
      if (!abs.startsWith(options.dir + path.sep)) file.fail(`<${el.name} file="${rel}"> must name a file inside the lesson folder`, node);
      if (!fs.existsSync(abs)) file.fail(`<${el.name} file="${rel}">: no such file next to the lesson`, node);
      const source = fs.readFileSync(abs, "utf8");
      el.attributes = el.attributes.filter((a) => a !== fileAttr);
      el.attributes.push({ type: "mdxJsxAttribute", name: "code", value: source });
      if (!el.attributes.some((a) => a.type === "mdxJsxAttribute" && a.name === "filename")) {
        el.attributes.push({ type: "mdxJsxAttribute", name: "filename", value: path.basename(rel) });
      }
    });
  };
}

const IMAGE_TYPES: Record<string, string> = { ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp" };

/** <Figure src="diagram.svg"> names a file beside the lesson; it is inlined as a data URL so lessons stay self-contained. */
function inlineFigure(el: MdxJsxElement, node: unknown, file: VFile, dir: string) {
  const attr = (name: string) => el.attributes.find((a): a is MdxJsxAttribute => a.type === "mdxJsxAttribute" && a.name === name);
  const alt = attr("alt");
  if (!alt || typeof alt.value !== "string" || alt.value.trim().length < 3) {
    file.fail("<Figure> needs alt text describing the picture for readers who cannot see it", node as never);
  }
  const src = attr("src");
  if (!src || typeof src.value !== "string") file.fail('<Figure> needs src="file.svg" naming a file beside the lesson', node as never);
  const rel = src!.value as string;
  if (/^(data:|\/)/.test(rel)) return;
  const abs = path.resolve(dir, rel);
  const type = IMAGE_TYPES[path.extname(abs).toLowerCase()];
  if (!abs.startsWith(dir + path.sep) || !type) file.fail(`<Figure src="${rel}">: use an .svg, .png, .jpg or .webp file inside the lesson folder`, node as never);
  if (!fs.existsSync(abs)) file.fail(`<Figure src="${rel}">: no such file next to the lesson`, node as never);
  src!.value = `data:${type};base64,${fs.readFileSync(abs).toString("base64")}`;
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

interface EsbuildLikeError {
  errors?: {
    text: string;
    location?: { file?: string; line?: number; column?: number } | null;
    detail?: { cause?: { reason?: string; line?: number; column?: number } };
  }[];
}

/** esbuild reports MDX parse errors at 0:0 and keeps the real place in the cause, e.g. "... (7:1-7:10)". */
function locate(error: NonNullable<EsbuildLikeError["errors"]>[number]): { line?: number; column?: number; text: string } {
  const cause = error.detail?.cause;
  if (cause?.reason) {
    const m = /\((\d+):(\d+)(?:-\d+:\d+)?\)\s*$/.exec(cause.reason);
    if (m) return { line: Number(m[1]), column: Number(m[2]), text: cause.reason.replace(m[0], "").trim() };
    if (cause.line) return { line: cause.line, column: cause.column, text: cause.reason };
  }
  const line = error.location?.line || undefined;
  return { line, column: line ? (error.location?.column ?? undefined) : undefined, text: error.text };
}

/** Compile one lesson's MDX body. Throws ContentError naming the file and line. */
export async function compileLesson(file: string): Promise<CompiledLesson> {
  const source = fs.readFileSync(file, "utf8");
  const dir = path.dirname(file);
  const toc: TocEntry[] = [];
  // "01.chapter/02.lesson" → "chapter/lesson", the id progress and drafts are stored under.
  const lessonId = [path.basename(path.dirname(dir)), path.basename(dir)].map((d) => d.replace(/^\d+\./, "")).join("/");
  try {
    const result = await bundleMDX({
      source,
      cwd: dir,
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm, [remarkInterleave, { dir, lessonId }]];
        options.rehypePlugins = [
          ...(options.rehypePlugins ?? []),
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
        return options;
      },
    });
    return { code: result.code, toc };
  } catch (err) {
    const first = (err as EsbuildLikeError).errors?.[0];
    if (first) {
      const where = locate(first);
      throw new ContentError(file, where.line, where.text, where.column);
    }
    throw new ContentError(file, undefined, (err as Error).message);
  }
}

/** Newest modification time of the lesson file and the files beside it (examples are inlined at compile time). */
function lessonMtime(file: string): number {
  const dir = path.dirname(file);
  let newest = fs.statSync(file).mtimeMs;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(dir, entry.name)).mtimeMs);
  }
  return newest;
}

const cache = new Map<string, { mtime: number; result: Promise<CompiledLesson> }>();
let queue: Promise<unknown> = Promise.resolve();

/** compileLesson, cached by path + modification time, one compile at a time (esbuild and shiki are CPU-heavy). */
export function getCompiledLesson(file: string): Promise<CompiledLesson> {
  const mtime = lessonMtime(file);
  const hit = cache.get(file);
  if (hit && hit.mtime === mtime) return hit.result;
  const result = queue.then(() => compileLesson(file));
  queue = result.catch(() => undefined);
  cache.set(file, { mtime, result });
  result.catch(() => cache.delete(file));
  return result;
}
