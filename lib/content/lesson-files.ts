/**
 * Files a lesson names, read at compile time: programs and their golden outputs, figures and images (inlined as data
 * URLs, so a lesson folder is self-contained) and recorded timelines (checked against their trace schema). Every
 * failure names the attribute and the line (through `fail`).
 */
import fs from "node:fs";
import path from "node:path";
import { ThreadsTraceSchema } from "@/lib/python/traces/threads";
import { AsyncioTraceSchema } from "@/lib/python/traces/asyncio";
import type { ExampleSpec } from "./manifest";
import { attribute, removeAttribute, setAttribute, type MdxJsxElement } from "./mdx-syntax";

export type Fail = (reason: string, node: unknown) => never;

/** Reads a file of the lesson folder named by an author, or fails naming the attribute and line. */
export function lessonFile(dir: string, rel: string, what: string, node: unknown, fail: Fail): { abs: string; text: string } {
  const abs = path.resolve(dir, rel);
  if (!abs.startsWith(dir + path.sep)) fail(`${what} must name a file inside the lesson folder`, node);
  if (!fs.existsSync(abs)) fail(`${what}: no such file ${path.relative(process.cwd(), abs)}`, node);
  return { abs, text: fs.readFileSync(abs, "utf8") };
}

/** `x.py` → its golden output beside it, if any: x.out (exact), x.out.re (pattern), x.expect.py (property check). */
export function goldenFor(abs: string): ExampleSpec["golden"] {
  const base = abs.replace(/\.py$/, "");
  for (const [suffix, kind] of [[".out", "exact"], [".out.re", "pattern"], [".expect.py", "property"]] as const) {
    if (fs.existsSync(base + suffix)) return { kind, file: base + suffix, text: fs.readFileSync(base + suffix, "utf8") };
  }
  return undefined;
}

const IMAGE_TYPES: Record<string, string> = { ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp" };

/** An image file beside the lesson as a data URL; `what` names it in the failure ("image x.svg", "<Figure src=…>"). */
function imageDataUrl(dir: string, rel: string, what: string, node: unknown, fail: Fail): string {
  const abs = path.resolve(dir, rel);
  const type = IMAGE_TYPES[path.extname(abs).toLowerCase()];
  if (!abs.startsWith(dir + path.sep) || !type) fail(`${what}: use an .svg, .png, .jpg or .webp file inside the lesson folder`, node);
  if (!fs.existsSync(abs)) fail(`${what}: no such file next to the lesson`, node);
  return `data:${type};base64,${fs.readFileSync(abs).toString("base64")}`;
}

/** <Figure src="diagram.svg"> names a file beside the lesson; it is inlined as a data URL so lessons stay self-contained. */
export function inlineFigure(el: MdxJsxElement, node: unknown, dir: string, fail: Fail) {
  const alt = attribute(el, "alt");
  if (!alt || typeof alt.value !== "string" || alt.value.trim().length < 3) fail("<Figure> needs alt text describing the picture for readers who cannot see it", node);
  const src = attribute(el, "src");
  if (!src || typeof src.value !== "string") fail('<Figure> needs src="file.svg" naming a file beside the lesson', node);
  const rel = src!.value as string;
  if (/^(data:|\/)/.test(rel)) return;
  src!.value = imageDataUrl(dir, rel, `<Figure src="${rel}">`, node, fail);
}

/** Markdown images `![alt](file.svg)`: alt text required, local files inlined like figures. */
export function inlineImage(image: { url: string; alt?: string | null }, node: unknown, dir: string, fail: Fail) {
  if (!image.alt || image.alt.trim().length < 3) fail(`image ${image.url} needs alt text: ![what the picture shows](${image.url})`, node);
  if (/^(data:|https?:|\/)/.test(image.url)) return;
  image.url = imageDataUrl(dir, image.url, `image ${image.url}`, node, fail);
}

/** A recorded picture a lesson shows from a JSON file: the component, the `npm run py` flag that records it, its schema. */
export interface RecordedPicture {
  tag: string;
  flag: string;
  what: string;
  schema: { safeParse(data: unknown): { success: true; data: unknown } | { success: false; error: { issues: { message: string }[] } } };
}

export const THREAD_TIMELINE: RecordedPicture = { tag: "ThreadTimeline", flag: "--timeline", what: "a recorded thread timeline", schema: ThreadsTraceSchema };
export const EVENT_LOOP: RecordedPicture = { tag: "EventLoopView", flag: "--event-loop", what: "a recorded event loop", schema: AsyncioTraceSchema };

/**
 * <ThreadTimeline src="run.json"> shows a GIL timeline recorded with `npm run py -- prog.py --timeline run.json`,
 * <EventLoopView src="run.json"> an event loop recorded with `npm run py -- prog.py --event-loop run.json`:
 * the file is read and checked here, and passed on as the `trace` prop (JSON text).
 */
export function inlineTimeline(el: MdxJsxElement, node: unknown, dir: string, fail: Fail, kind: RecordedPicture) {
  const { tag, flag } = kind;
  const src = attribute(el, "src");
  if (!src || typeof src.value !== "string") fail(`<${tag}> needs src="run.json", recorded with npm run py -- prog.py ${flag} run.json`, node);
  const rel = src!.value as string;
  const abs = path.resolve(dir, rel);
  if (!abs.startsWith(dir + path.sep) || path.extname(abs) !== ".json") fail(`<${tag} src="${rel}">: use a .json file inside the lesson folder`, node);
  if (!fs.existsSync(abs)) fail(`<${tag} src="${rel}">: no such file next to the lesson`, node);
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(abs, "utf8"));
  } catch (err) {
    fail(`<${tag} src="${rel}">: not JSON (${err instanceof Error ? err.message : String(err)})`, node);
  }
  const parsed = kind.schema.safeParse(data);
  if (!parsed.success) fail(`<${tag} src="${rel}">: not ${kind.what} (${parsed.error.issues[0]?.message ?? "bad shape"})`, node);
  removeAttribute(el, "src");
  setAttribute(el, "trace", JSON.stringify((parsed as { data: unknown }).data));
}
