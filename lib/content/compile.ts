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
import { ThreadsTraceSchema } from "@/lib/python/traces/threads";
import { AsyncioTraceSchema } from "@/lib/python/traces/asyncio";
import { MODELS, type InterpreterModel } from "@/lib/python/schedule";
import { ContentError } from "./errors";

export interface TocEntry {
  id: string;
  text: string;
  depth: 2 | 3;
}

/** A runnable program in a lesson (`<CodeRunner>` or `<PredictOutput>`), as `npm run content:check` runs it. */
export interface ExampleSpec {
  /** FixTheDeadlock: the exercise's starter, which must end in a deadlock (its run is recorded for the report). */
  component: "CodeRunner" | "PredictOutput" | "FixTheDeadlock";
  /** Line of the component in the MDX file. */
  line: number;
  /** The example's file when it came from `file="…"`; undefined for inline `code`. */
  file?: string;
  filename: string;
  code: string;
  /** Lines fed to input(): the `stdin` preset, else the check-only `checkInput`. */
  stdin: string[];
  /** The `stdin` preset alone: what the runner sends with the program (part of its recording's key). */
  presetStdin: string[];
  /** How the program must end: normally (default), with an uncaught exception (`expect="exception"`), or with the
   *  thread runtime's deadlock report (`expect="deadlock"`). */
  expect: "ok" | "exception" | "deadlock";
  /** `x.out` (exact stdout), `x.out.re` (a regular expression for the whole stdout) or `x.expect.py` (a property check). */
  golden?: { kind: "exact" | "pattern" | "property"; file: string; text: string };
  /** `<CodeRunner model="free-threaded">`: the interpreter model the lesson fixes for the example. */
  model?: InterpreterModel;
  /** `claim`: the lesson states what this example shows (a speed-up, an overlap, a count), and its golden output
   *  encodes that statement; content:check runs it CLAIM_RUNS times and every run must match. */
  claim?: boolean;
}

/** An `<Exercise id="name">`, with the files of `exercises/name/` inlined. */
export interface ExerciseSpec {
  /** "chapter/lesson#name": the id attempts are stored under (ExerciseAttempt.exerciseId). */
  id: string;
  name: string;
  line: number;
  dir: string;
  starter: string;
  solution: string;
  check: string;
  hints: number;
  /** Thread-scheduling seeds the check runs under (all must pass); [null] = one realistic run. */
  seeds: (number | null)[];
}

/** A `<PossibleOutputs file="x.py">`: the options the author marked possible or not, held to the schedule search. */
export interface PossibleOutputsSpec {
  line: number;
  file: string;
  filename: string;
  code: string;
  model: InterpreterModel;
  bound?: number;
  options: { output: string; possible: boolean; line: number }[];
}

/** A `<FindTheBlockingCall file="x.py" line={7}>`: the line the author says blocks the event loop, measured by
 *  content:check. */
export interface BlockingCallSpec {
  line: number;
  file: string;
  filename: string;
  code: string;
  blockingLine: number;
}

export interface LinkSpec {
  url: string;
  line: number;
}

/** What a lesson contains that `npm run content:check` verifies beyond compiling. */
export interface LessonManifest {
  examples: ExampleSpec[];
  exercises: ExerciseSpec[];
  links: LinkSpec[];
  /** Interactive steps whose answers content:check verifies by running the program (issue 20's step kinds). */
  possibleOutputs: PossibleOutputsSpec[];
  blockingCalls: BlockingCallSpec[];
}

export interface CompiledLesson {
  code: string;
  toc: TocEntry[];
  manifest: LessonManifest;
}

interface EstreeNode {
  type: string;
  [key: string]: unknown;
}
interface MdxJsxAttribute {
  type: "mdxJsxAttribute";
  name: string;
  value?: string | null | { type: string; value: string; data?: { estree?: { body: EstreeNode[] } } };
}
interface MdxJsxElement {
  type: "mdxJsxFlowElement" | "mdxJsxTextElement";
  name: string | null;
  attributes: (MdxJsxAttribute | { type: "mdxJsxExpressionAttribute" })[];
  children: unknown[];
  position?: { start: { line: number; column: number } };
}

const NOT_LITERAL = Symbol("not a literal");

/** The value of a JSX attribute written as a literal (`"x"`, `{3}`, `{["a", "b"]}`, `{`…`}`), else NOT_LITERAL. */
function literal(attr: MdxJsxAttribute | undefined): unknown {
  if (!attr) return undefined;
  if (attr.value === null || attr.value === undefined) return true; // <X flag />
  if (typeof attr.value === "string") return attr.value;
  const statement = attr.value.data?.estree?.body[0];
  return statement?.type === "ExpressionStatement" ? evaluate(statement.expression as EstreeNode) : NOT_LITERAL;
}

function evaluate(node: EstreeNode): unknown {
  switch (node.type) {
    case "Literal":
      return node.value;
    case "TemplateLiteral": {
      const quasis = node.quasis as { value: { cooked: string } }[];
      return (node.expressions as unknown[]).length === 0 ? quasis[0]!.value.cooked : NOT_LITERAL;
    }
    case "ArrayExpression": {
      const items = (node.elements as EstreeNode[]).map((e) => (e ? evaluate(e) : NOT_LITERAL));
      return items.includes(NOT_LITERAL) ? NOT_LITERAL : items;
    }
    case "UnaryExpression": {
      const inner = evaluate(node.argument as EstreeNode);
      return node.operator === "-" && typeof inner === "number" ? -inner : NOT_LITERAL;
    }
    default:
      return NOT_LITERAL;
  }
}

const attribute = (el: MdxJsxElement, name: string) =>
  el.attributes.find((a): a is MdxJsxAttribute => a.type === "mdxJsxAttribute" && a.name === name);
const setAttribute = (el: MdxJsxElement, name: string, value: string) => {
  el.attributes = el.attributes.filter((a) => !(a.type === "mdxJsxAttribute" && a.name === name));
  el.attributes.push({ type: "mdxJsxAttribute", name, value });
};
const removeAttribute = (el: MdxJsxElement, name: string) => {
  el.attributes = el.attributes.filter((a) => !(a.type === "mdxJsxAttribute" && a.name === name));
};

const allowed = new Set<string>(MDX_COMPONENT_NAMES);
const RUNNABLE = new Set(["CodeRunner", "PredictOutput"]);
const EXERCISE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

type Fail = (reason: string, node: unknown) => never;

/** Reads a file of the lesson folder named by an author, or fails naming the attribute and line. */
function lessonFile(dir: string, rel: string, what: string, node: unknown, fail: Fail): { abs: string; text: string } {
  const abs = path.resolve(dir, rel);
  if (!abs.startsWith(dir + path.sep)) fail(`${what} must name a file inside the lesson folder`, node);
  if (!fs.existsSync(abs)) fail(`${what}: no such file ${path.relative(process.cwd(), abs)}`, node);
  return { abs, text: fs.readFileSync(abs, "utf8") };
}

/** `x.py` → its golden output beside it, if any: x.out (exact), x.out.re (pattern), x.expect.py (property check). */
function goldenFor(abs: string): ExampleSpec["golden"] {
  const base = abs.replace(/\.py$/, "");
  for (const [suffix, kind] of [[".out", "exact"], [".out.re", "pattern"], [".expect.py", "property"]] as const) {
    if (fs.existsSync(base + suffix)) return { kind, file: base + suffix, text: fs.readFileSync(base + suffix, "utf8") };
  }
  return undefined;
}

/** hints.md: hints separated by lines of three dashes, shown one at a time. */
export function splitHints(text: string): string[] {
  return text
    .split(/^---\s*$/m)
    .map((h) => h.trim())
    .filter(Boolean);
}

interface PluginOptions {
  dir: string;
  lessonId: string;
  manifest: LessonManifest;
  /** Exercises for trying out (the component catalog): checks are not recorded as attempts. */
  practice?: boolean;
}

/**
 * Rejects unknown components, inlines the files components name (`file="example.py"`, an exercise's folder, figures),
 * and records what `npm run content:check` must verify (examples, exercises, links).
 */
function remarkInterleave(this: { parse(text: string): MdastRoot }, options: PluginOptions) {
  // eslint-disable-next-line @typescript-eslint/no-this-alias -- the processor parses hints.md with the lesson's own syntax
  const processor = this;
  const { dir, lessonId, manifest, practice } = options;
  return (tree: MdastRoot, file: VFile) => {
    const fail: Fail = (reason, node) => file.fail(reason, node as never);
    let runners = 0;
    visit(tree, (node, _index, parent) => {
      const type: string = node.type; // MDX node types are not in plain mdast typings
      const line = node.position?.start.line ?? 1;
      if (type === "link" || type === "definition") {
        manifest.links.push({ url: (node as { url: string }).url, line });
        return;
      }
      if (type === "image") {
        inlineImage(node as unknown as { url: string; alt?: string | null }, node, fail, dir);
        return;
      }
      if (type !== "mdxJsxFlowElement" && type !== "mdxJsxTextElement") return;
      const el = node as unknown as MdxJsxElement;
      if (el.name === "a") {
        const href = literal(attribute(el, "href"));
        if (typeof href === "string") manifest.links.push({ url: href, line });
      }
      if (el.name === "img") {
        const alt = literal(attribute(el, "alt"));
        if (typeof alt !== "string" || alt.trim().length < 3) fail("<img> needs alt text describing the picture (or use <Figure>)", node);
      }
      if (!el.name || !/^[A-Z]/.test(el.name)) return; // fragments and plain HTML elements
      if (!allowed.has(el.name)) {
        fail(
          `unknown component <${el.name}>: lessons may use only ${MDX_COMPONENT_NAMES.map((n) => `<${n}>`).join(", ")} (registered in components/mdx/registry.ts)`,
          node,
        );
      }
      if (el.name === "Hint" && !["Exercise", "FixTheDeadlock"].includes((parent as unknown as MdxJsxElement | undefined)?.name ?? "")) fail("<Hint> belongs directly inside an <Exercise>, on its own line with a blank line before it", node);
      if (el.name === "Figure") inlineFigure(el, node, file, dir);
      if (el.name === "ThreadTimeline") inlineTimeline(el, node, file, dir);
      if (el.name === "EventLoopView") inlineTimeline(el, node, file, dir, EVENT_LOOP);
      if (el.name === "Exercise" || el.name === "FixTheDeadlock") {
        inlineExercise(el, node, { dir, lessonId, manifest, fail, parse: (t) => processor.parse(t) });
        if (practice) el.attributes.push({ type: "mdxJsxAttribute", name: "practice", value: null });
      }
      if (el.name === "FixTheDeadlock") {
        // The starter is run as the learner's Run runs it; it must deadlock, and its run (the report) is recorded.
        const exercise = manifest.exercises.at(-1)!;
        manifest.examples.push({ component: "FixTheDeadlock", line, file: path.join(exercise.dir, "starter.py"), filename: "exercise.py", code: exercise.starter, stdin: [], presetStdin: [], expect: "deadlock" });
      }
      if (el.name === "CodeRunner") {
        // A stable id for the learner's saved edits: the example's file name, or its position in the lesson.
        runners += 1;
        const fileName = attribute(el, "file")?.value;
        const runnerId = `${lessonId}:${typeof fileName === "string" ? fileName : `example-${runners}`}`;
        el.attributes.push({ type: "mdxJsxAttribute", name: "runnerId", value: runnerId });
      }
      let source: { abs?: string; text: string } | undefined;
      const fileAttr = attribute(el, "file");
      if (FILE_BACKED_COMPONENTS.includes(el.name) && fileAttr) {
        if (typeof fileAttr.value !== "string") fail(`<${el.name} file=…> must be a plain string`, node);
        const rel = fileAttr.value as string;
        source = lessonFile(dir, rel, `<${el.name} file="${rel}">`, node, fail);
        removeAttribute(el, "file");
        setAttribute(el, "code", source.text);
        if (!attribute(el, "filename")) setAttribute(el, "filename", path.basename(rel));
      }
      if (RUNNABLE.has(el.name)) recordExample(el, node, line, source, manifest, fail);
      if (el.name === "PossibleOutputs") recordPossibleOutputs(el, node, line, source, manifest, fail);
      if (el.name === "Outcome" && (parent as unknown as MdxJsxElement | undefined)?.name !== "PossibleOutputs") fail("<Outcome> belongs directly inside a <PossibleOutputs>", node);
      if (el.name === "FindTheBlockingCall") recordBlockingCall(el, node, line, source, manifest, fail);
      if (el.name === "Myth") checkMyth(el, node, fail);
      // A prediction is compared with tolerance where the example's .out.re says the output varies (a time, a name).
      const golden = manifest.examples.at(-1);
      if (el.name === "PredictOutput" && source?.abs && golden?.file === source.abs && golden.golden?.kind === "pattern") setAttribute(el, "patterns", golden.golden.text);
    });
  };
}

function recordPossibleOutputs(el: MdxJsxElement, node: unknown, line: number, source: { abs?: string; text: string } | undefined, manifest: LessonManifest, fail: Fail) {
  if (!source?.abs) fail('<PossibleOutputs> needs file="x.py", the program whose schedules are searched', node);
  const model = literal(attribute(el, "model")) ?? "gil";
  if (!(MODELS as readonly unknown[]).includes(model)) fail(`<PossibleOutputs model="${String(model)}">: use model="gil" (CPython 3.14, the default) or model="free-threaded" (3.14t)`, node);
  const bound = literal(attribute(el, "bound"));
  if (bound !== undefined && (!Number.isInteger(bound) || (bound as number) < 0 || (bound as number) > 6)) fail("<PossibleOutputs bound={3}>: the most preemptions per schedule the search tries, a whole number from 0 to 6", node);
  const options: PossibleOutputsSpec["options"] = [];
  for (const child of el.children as MdxJsxElement[]) {
    if (child.name !== "Outcome") continue;
    const output = literal(attribute(child, "output"));
    if (typeof output !== "string") fail('<Outcome> needs output="…" (or output={`…`} for several lines): the output this option stands for', child);
    const possible = literal(attribute(child, "possible")) ?? false;
    if (typeof possible !== "boolean") fail("<Outcome possible> takes no value (or possible={false})", child);
    options.push({ output: output as string, possible: possible as boolean, line: child.position?.start.line ?? line });
  }
  if (options.length < 2) fail("<PossibleOutputs> needs at least two <Outcome output=…> options inside it", node);
  manifest.possibleOutputs.push({
    line,
    file: source!.abs!,
    filename: String(literal(attribute(el, "filename")) ?? "main.py"),
    code: source!.text,
    model: model as InterpreterModel,
    ...(bound !== undefined ? { bound: bound as number } : {}),
    options,
  });
}

function recordBlockingCall(el: MdxJsxElement, node: unknown, line: number, source: { abs?: string; text: string } | undefined, manifest: LessonManifest, fail: Fail) {
  if (!source?.abs) fail('<FindTheBlockingCall> needs file="x.py", the asyncio program with the blocking call', node);
  const blockingLine = literal(attribute(el, "line"));
  const count = source!.text.replace(/\n+$/, "").split("\n").length;
  if (!Number.isInteger(blockingLine) || (blockingLine as number) < 1 || (blockingLine as number) > count) fail(`<FindTheBlockingCall line={n}>: the line of the program (1 to ${count}) whose call blocks the event loop`, node);
  manifest.blockingCalls.push({ line, file: source!.abs!, filename: String(literal(attribute(el, "filename")) ?? "main.py"), code: source!.text, blockingLine: blockingLine as number });
}

function checkMyth(el: MdxJsxElement, node: unknown, fail: Fail) {
  const claim = literal(attribute(el, "claim"));
  if (typeof claim !== "string" || claim.trim().length < 10) fail('<Myth> needs claim="…": the statement the learner judges, in a sentence', node);
  const fact = literal(attribute(el, "fact")) ?? false;
  if (typeof fact !== "boolean") fail("<Myth fact> takes no value: it marks a true statement among the myths", node);
  if (!el.children.length) fail("<Myth> needs children: the explanation shown once the learner has answered", node);
}

function recordExample(el: MdxJsxElement, node: unknown, line: number, source: { abs?: string; text: string } | undefined, manifest: LessonManifest, fail: Fail) {
  const code = source?.text ?? literal(attribute(el, "code"));
  const expect = literal(attribute(el, "expect")) ?? "ok";
  if (expect !== "ok" && expect !== "exception" && expect !== "deadlock") {
    fail(`<${el.name} expect="${String(expect)}">: use expect="exception" for an example that must raise, expect="deadlock" for one that must deadlock, or leave it out`, node);
  }
  const model = literal(attribute(el, "model"));
  if (model !== undefined && !(MODELS as readonly unknown[]).includes(model)) {
    fail(`<${el.name} model="${String(model)}">: use model="gil" (CPython 3.14, the default) or model="free-threaded" (3.14t)`, node);
  }
  const presetValue = literal(attribute(el, "stdin"));
  const stdinValue = presetValue ?? literal(attribute(el, "checkInput")) ?? [];
  if (!Array.isArray(stdinValue) || stdinValue.some((l) => typeof l !== "string")) fail(`<${el.name}> stdin and checkInput take a list of lines, e.g. {["Ada", "36"]}`, node);
  const claimValue = literal(attribute(el, "claim"));
  if (claimValue !== undefined && typeof claimValue !== "boolean") fail(`<${el.name} claim>: write claim (or claim={true}) for an example whose runs must all agree with the lesson`, node);
  const claim = claimValue === true;
  if (claim && !(source?.abs && goldenFor(source.abs))) {
    fail(`<${el.name} claim>: a claim needs the statement it checks, as x.out.re or x.expect.py beside the example's file`, node);
  }
  // Check-only props: the components never see them.
  removeAttribute(el, "claim");
  removeAttribute(el, "expect");
  removeAttribute(el, "checkInput");
  if (typeof code !== "string") return; // code computed by an expression: nothing to run ahead of time
  const filename = literal(attribute(el, "filename"));
  manifest.examples.push({
    component: el.name as ExampleSpec["component"],
    line,
    file: source?.abs,
    filename: typeof filename === "string" ? filename : "main.py",
    code,
    stdin: stdinValue as string[],
    presetStdin: Array.isArray(presetValue) ? (presetValue as string[]) : [],
    expect: expect as ExampleSpec["expect"],
    golden: source?.abs ? goldenFor(source.abs) : undefined,
    ...(model !== undefined ? { model: model as InterpreterModel } : {}),
    ...(claim ? { claim: true } : {}),
  });
}

/**
 * `<Exercise id="name">` reads `exercises/name/{starter,solution,check}.py` and `hints.md`. The hints become `<Hint>`
 * children (parsed as MDX, so they may hold code), after any the author wrote inline.
 */
function inlineExercise(
  el: MdxJsxElement,
  node: unknown,
  ctx: { dir: string; lessonId: string; manifest: LessonManifest; fail: Fail; parse(text: string): MdastRoot },
) {
  const { fail } = ctx;
  const name = literal(attribute(el, "id"));
  if (typeof name !== "string" || !EXERCISE_NAME.test(name)) fail('<Exercise> needs id="name" naming its folder exercises/name/ (lowercase letters, digits and dashes)', node);
  const folder = `exercises/${name as string}`;
  const read = (f: string) => lessonFile(ctx.dir, `${folder}/${f}`, `<Exercise id="${name as string}">`, node, fail).text;
  const starter = read("starter.py");
  const solution = read("solution.py");
  const check = read("check.py");
  const hintsFile = path.join(ctx.dir, folder, "hints.md");
  const hints = fs.existsSync(hintsFile) ? splitHints(fs.readFileSync(hintsFile, "utf8")) : [];
  for (const hint of hints) {
    el.children.push({ type: "mdxJsxFlowElement", name: "Hint", attributes: [], children: ctx.parse(hint).children });
  }
  const seeds = literal(attribute(el, "seeds")) ?? [null];
  if (!Array.isArray(seeds) || seeds.length === 0 || seeds.some((s) => s !== null && !Number.isInteger(s))) fail("<Exercise seeds={[1, 2, 3]}> takes a list of whole numbers", node);
  const attempts = literal(attribute(el, "attempts"));
  if (attempts !== undefined && (!Number.isInteger(attempts) || (attempts as number) < 0)) fail("<Exercise attempts={3}>: the number of failed checks before the solution can be revealed", node);
  const inlineHints = el.children.filter((c) => (c as MdxJsxElement).name === "Hint").length;
  const exerciseId = `${ctx.lessonId}#${name as string}`;
  ctx.manifest.exercises.push({
    id: exerciseId,
    name: name as string,
    line: (node as { position?: { start: { line: number } } }).position?.start.line ?? 1,
    dir: path.join(ctx.dir, folder),
    starter,
    solution,
    check,
    hints: inlineHints,
    seeds: seeds as (number | null)[],
  });
  removeAttribute(el, "id");
  setAttribute(el, "exerciseId", exerciseId);
  setAttribute(el, "lessonId", ctx.lessonId);
  setAttribute(el, "starter", starter);
  setAttribute(el, "solution", solution);
  setAttribute(el, "check", check);
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

interface RecordedPicture {
  tag: string;
  flag: string;
  what: string;
  schema: { safeParse(data: unknown): { success: true; data: unknown } | { success: false; error: { issues: { message: string }[] } } };
}

const THREAD_TIMELINE: RecordedPicture = { tag: "ThreadTimeline", flag: "--timeline", what: "a recorded thread timeline", schema: ThreadsTraceSchema };
const EVENT_LOOP: RecordedPicture = { tag: "EventLoopView", flag: "--event-loop", what: "a recorded event loop", schema: AsyncioTraceSchema };

/**
 * <ThreadTimeline src="run.json"> shows a GIL timeline recorded with `npm run py -- prog.py --timeline run.json`,
 * <EventLoopView src="run.json"> an event loop recorded with `npm run py -- prog.py --event-loop run.json`:
 * the file is read and checked here, and passed on as the `trace` prop (JSON text).
 */
function inlineTimeline(el: MdxJsxElement, node: unknown, file: VFile, dir: string, kind: RecordedPicture = THREAD_TIMELINE) {
  const { tag, flag } = kind;
  const src = el.attributes.find((a): a is MdxJsxAttribute => a.type === "mdxJsxAttribute" && a.name === "src");
  if (!src || typeof src.value !== "string") file.fail(`<${tag}> needs src="run.json", recorded with npm run py -- prog.py ${flag} run.json`, node as never);
  const rel = src!.value as string;
  const abs = path.resolve(dir, rel);
  if (!abs.startsWith(dir + path.sep) || path.extname(abs) !== ".json") file.fail(`<${tag} src="${rel}">: use a .json file inside the lesson folder`, node as never);
  if (!fs.existsSync(abs)) file.fail(`<${tag} src="${rel}">: no such file next to the lesson`, node as never);
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(abs, "utf8"));
  } catch (err) {
    file.fail(`<${tag} src="${rel}">: not JSON (${err instanceof Error ? err.message : String(err)})`, node as never);
  }
  const parsed = kind.schema.safeParse(data);
  if (!parsed.success) file.fail(`<${tag} src="${rel}">: not ${kind.what} (${parsed.error.issues[0]?.message ?? "bad shape"})`, node as never);
  el.attributes = el.attributes.filter((a) => !(a.type === "mdxJsxAttribute" && a.name === "src"));
  setAttribute(el, "trace", JSON.stringify((parsed as { data: unknown }).data));
}

/** Markdown images `![alt](file.svg)`: alt text required, local files inlined like figures. */
function inlineImage(image: { url: string; alt?: string | null }, node: unknown, fail: Fail, dir: string) {
  if (!image.alt || image.alt.trim().length < 3) fail(`image ${image.url} needs alt text: ![what the picture shows](${image.url})`, node);
  if (/^(data:|https?:|\/)/.test(image.url)) return;
  const abs = path.resolve(dir, image.url);
  const type = IMAGE_TYPES[path.extname(abs).toLowerCase()];
  if (!abs.startsWith(dir + path.sep) || !type) fail(`image ${image.url}: use an .svg, .png, .jpg or .webp file inside the lesson folder`, node);
  if (!fs.existsSync(abs)) fail(`image ${image.url}: no such file next to the lesson`, node);
  image.url = `data:${type};base64,${fs.readFileSync(abs).toString("base64")}`;
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
  const manifest: LessonManifest = { examples: [], exercises: [], links: [], possibleOutputs: [], blockingCalls: [] };
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
