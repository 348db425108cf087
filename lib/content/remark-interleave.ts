/**
 * The lesson compiler's remark plugin: rejects unknown components, checks each component's props, inlines the files
 * components name (`file="example.py"`, an exercise's folder, figures, recorded timelines), and records in the
 * lesson's manifest what `npm run content:check` must verify (examples, exercises, links, interactive steps).
 */
import fs from "node:fs";
import path from "node:path";
import type { Root as MdastRoot } from "mdast";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { MODELS, type InterpreterModel } from "@/lib/python/schedule";
import { FILE_BACKED_COMPONENTS, MDX_COMPONENT_NAMES } from "./mdx-components";
import { attribute, literal, removeAttribute, setAttribute, type MdxJsxElement } from "./mdx-syntax";
import type { ExampleSpec, LessonManifest, PossibleOutputsSpec } from "./manifest";
import { EVENT_LOOP, THREAD_TIMELINE, goldenFor, inlineFigure, inlineImage, inlineTimeline, lessonFile, type Fail } from "./lesson-files";
import { readExerciseSource } from "./exercise-source";

const allowed = new Set<string>(MDX_COMPONENT_NAMES);
const RUNNABLE = new Set(["CodeRunner", "PredictOutput"]);
const EXERCISE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** hints.md: hints separated by lines of three dashes, shown one at a time. */
export function splitHints(text: string): string[] {
  return text
    .split(/^---\s*$/m)
    .map((h) => h.trim())
    .filter(Boolean);
}

export interface PluginOptions {
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
export function remarkInterleave(this: { parse(text: string): MdastRoot }, options: PluginOptions) {
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
        inlineImage(node as unknown as { url: string; alt?: string | null }, node, dir, fail);
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
          `unknown component <${el.name}>: lessons may use only ${MDX_COMPONENT_NAMES.map((n) => `<${n}>`).join(", ")} (registered in lib/content/mdx-components.ts)`,
          node,
        );
      }
      if (el.name === "Hint" && !["Exercise", "FixTheDeadlock"].includes((parent as unknown as MdxJsxElement | undefined)?.name ?? "")) fail("<Hint> belongs directly inside an <Exercise>, on its own line with a blank line before it", node);
      if (el.name === "Figure") inlineFigure(el, node, dir, fail);
      if (el.name === "ThreadTimeline") inlineTimeline(el, node, dir, fail, THREAD_TIMELINE);
      if (el.name === "EventLoopView") inlineTimeline(el, node, dir, fail, EVENT_LOOP);
      if (el.name === "Exercise" || el.name === "FixTheDeadlock") {
        inlineExercise(el, node, { dir, lessonId, manifest, fail, parse: (t) => processor.parse(t) });
        if (practice) el.attributes.push({ type: "mdxJsxAttribute", name: "practice", value: null });
      }
      if (el.name === "FixTheDeadlock") {
        // The starter is run as the learner's Run runs it; it must deadlock, and its run (the report) is recorded.
        const exercise = manifest.exercises.at(-1)!;
        manifest.examples.push({
          component: "FixTheDeadlock",
          line,
          file: path.join(exercise.dir, "solution.py"),
          label: `the starter of exercise "${exercise.name}"`,
          sourceLines: exercise.starterLines,
          filename: "exercise.py",
          code: exercise.starter,
          stdin: [],
          presetStdin: [],
          expect: "deadlock",
        });
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
 * `<Exercise id="name">` reads `exercises/name/solution.py` (the starter is derived from its `#| starter` …
 * `#| solution` … `#| end` blocks: ./exercise-source.ts), `check.py` and `hints.md`. The hints become `<Hint>`
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
  const check = read("check.py");
  read("solution.py"); // a missing solution.py is named at the component, like a missing check.py
  // Marker errors name solution.py and its line (compileMdx passes a ContentError thrown here on as it is).
  const { starter, solution, starterLines, solutionLines, firstBlock } = readExerciseSource(path.join(ctx.dir, folder));
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
    starterLines,
    solutionLines,
    firstBlock,
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

