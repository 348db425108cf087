import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCourse, type LessonMeta } from "./discover";

/**
 * Issue #10's acceptance: every concept the course must teach appears in a lesson with a runnable example. Each
 * concept below names its chapter (by the number of its folder, 06.… for chapter 6, so a chapter written before an
 * earlier one keeps its number) and what a lesson must contain to cover it: `text` patterns in the lesson's MDX,
 * and `code` patterns in one of its runnable examples (<CodeRunner>/<PredictOutput>).
 * The first published lesson of that chapter that has at least one runnable example and matches all of them is the
 * concept's lesson. Each test runs that search itself (nothing is chosen before it runs), so it fails when the
 * lessons stop covering the concept.
 *
 * `pending` concepts are not written yet: when no lesson covers one, it is reported as a todo and does not fail;
 * as soon as a lesson covers it, it becomes an ordinary test. Concepts that are not pending must be covered.
 */
interface Concept {
  chapter: number;
  name: string;
  text?: RegExp[];
  code?: RegExp[];
  /** Why it may be missing for now. */
  pending?: string;
  /** The code patterns may be spread over the lesson's examples instead of all in one. */
  acrossExamples?: boolean;
}


const CONCEPTS: Concept[] = [
  // 1. Concurrency, parallelism and multitasking
  { chapter: 1, name: "concurrency versus parallelism", text: [/\bconcurren/i, /\bparallelism\b/i] },
  { chapter: 1, name: "timings the learner runs", code: [/perf_counter\(\)/] },
  { chapter: 1, name: "I/O-bound versus CPU-bound work", text: [/I\/O-bound/, /CPU-bound/] },
  { chapter: 1, name: "preemptive versus cooperative multitasking", text: [/\bpreemptive\b/i, /\bcooperative\b/i] },
  {
    chapter: 1,
    name: "a runnable contrast: threads preempted, coroutines yielding at await",
    code: [/\bawait\b/, /\bthreading\b/],
    // The contrast is two examples side by side in one lesson (threads, then coroutines).
    acrossExamples: true,
  },
  // 2. Processes and threads
  { chapter: 2, name: "a process has its own memory", text: [/\bprocess\b/, /own\s+memory/] },
  { chapter: 2, name: "threads share memory", text: [/share[sd]?\s+(the\s+)?memory/i] },
  { chapter: 2, name: "the main thread", code: [/main_thread\(\)/] },
  { chapter: 2, name: "inspecting pid, thread names and counts", code: [/os\.getpid\(\)/, /current_thread\(\)/, /active_count\(\)/] },
  { chapter: 2, name: "starting and joining threads", code: [/\.start\(\)/, /\.join\(\)/] },
  { chapter: 2, name: "output from two threads interleaving", text: [/interleav/i], code: [/\.start\(\)/, /print\(/] },
  { chapter: 2, name: "starting a process", code: [/\b(multiprocessing|Process)\b/, /\.start\(\)/] },
  { chapter: 2, name: "the __main__ guard with spawn", text: [/\bspawn\b/], code: [/if __name__ == ["']__main__["']/, /multiprocessing/] },
  // A module-level variable changed in one process and read in the other (the `global` keyword is optional).
  { chapter: 2, name: "processes do not share globals", text: [/global/i], code: [/multiprocessing/, /^[a-z_]\w*\s*=\s*\S/m, /\.start\(\)/] },
  // 3. Shared state
  { chapter: 3, name: "a race condition reproduced with the deterministic seed", text: [/race condition/i, /\bseed\b/], code: [/threading\.Thread/] },
  { chapter: 3, name: "locks", code: [/threading\.Lock\(\)/, /\bwith\s+\w+(\.\w+)*lock\b/i] },
  { chapter: 3, name: "RLock", code: [/threading\.RLock\(\)/] },
  { chapter: 3, name: "conditions", code: [/threading\.Condition\(\)/, /\.(wait_for|wait)\(/, /\.notify(_all)?\(\)/] },
  { chapter: 3, name: "queues (producer/consumer)", text: [/producer/i, /consumer/i], code: [/queue\.Queue\(/, /\.get\(\)/, /\.put\(/] },
  { chapter: 3, name: "events", code: [/threading\.Event\(\)/, /\.set\(\)/] },
  { chapter: 3, name: "semaphores", code: [/threading\.Semaphore\(/] },
  { chapter: 3, name: "deadlock", text: [/\bdeadlock\b/i, /\bcycle\b/i], code: [/threading\.Lock\(\)/] },
  { chapter: 3, name: "avoiding deadlock: lock ordering", text: [/\border\b/i, /deadlock/i], code: [/sorted\(/, /\.lock\b/] },
  { chapter: 3, name: "avoiding deadlock: timeouts", text: [/deadlock/i, /back(s|ing)? off/i], code: [/\.acquire\(timeout=/] },
  { chapter: 3, name: "thread pools", code: [/ThreadPoolExecutor/] },
  // 4. The GIL
  { chapter: 4, name: "reference counting, the reason for the GIL", text: [/reference count/i, /\bGIL\b/], code: [/sys\.getrefcount\(/] },
  { chapter: 4, name: "what the GIL protects and what it does not", text: [/read-modify-write/], code: [/threading\.Thread/, /\.append\(/] },
  { chapter: 4, name: "the switch interval", code: [/sys\.setswitchinterval\(/, /sys\.getswitchinterval\(\)/] },
  { chapter: 4, name: "CPU-bound versus I/O-bound threads on the timeline", text: [/<ThreadTimeline\s+src=/, /CPU-bound/, /I\/O-bound/] },
  { chapter: 4, name: "when the GIL is released", text: [/releases?\s+the\s+GIL/], code: [/time\.sleep\(/] },
  { chapter: 4, name: "free-threaded CPython (PEP 703)", text: [/free-threaded/i, /PEP 703/], code: [/Py_GIL_DISABLED|_is_gil_enabled/] },
  { chapter: 4, name: "subinterpreters (concurrent.interpreters)", text: [/concurrent\.interpreters/, /subinterpreter/i] },
  // 5. Multiprocessing
  { chapter: 5, name: "Process", code: [/multiprocessing/, /Process\(/] },
  { chapter: 5, name: "Pool", code: [/\bPool\(/] },
  { chapter: 5, name: "ProcessPoolExecutor", code: [/ProcessPoolExecutor/] },
  { chapter: 5, name: "Queue and Pipe", code: [/\bQueue\(/, /\bPipe\(/] },
  { chapter: 5, name: "shared Value and Array", code: [/\bValue\(/, /\bArray\(/] },
  { chapter: 5, name: "the cost of starting processes and pickling data", text: [/pickl/i], code: [/perf_counter\(\)/, /multiprocessing|ProcessPoolExecutor/] },
  { chapter: 5, name: "a speed-up measured on the learner's cores", text: [/speed-up/i], code: [/cpu_count\(\)/, /perf_counter\(\)/] },
  // 6. Single-threaded concurrency and the event loop
  { chapter: 6, name: "blocking versus non-blocking I/O", text: [/non-blocking/i, /\bblocking\b/i] },
  { chapter: 6, name: "readiness notification (select, epoll, kqueue, IOCP)", text: [/\bselect\b/, /epoll/, /kqueue/, /IOCP/] },
  { chapter: 6, name: "a tiny event loop from a queue of callbacks", text: [/event loop/i, /callback/i], code: [/deque|Queue|\.append\(/] },
  { chapter: 6, name: "why polling `if queue:` wastes CPU", text: [/\bpoll/i] },
  { chapter: 6, name: "generators and coroutines", code: [/\byield\b/, /async def/] },
  { chapter: 6, name: "asyncio tasks", code: [/asyncio\.create_task\(/] },
  { chapter: 6, name: "asyncio.gather", code: [/asyncio\.gather\(/] },
  { chapter: 6, name: "TaskGroup", code: [/TaskGroup\(\)/] },
  { chapter: 6, name: "timeouts", code: [/asyncio\.(timeout|wait_for)\(/] },
  { chapter: 6, name: "cancellation", code: [/\.cancel\(\)|CancelledError/] },
  { chapter: 6, name: "asyncio queues", code: [/asyncio\.Queue\(/] },
  { chapter: 6, name: "asyncio.to_thread", code: [/asyncio\.to_thread\(/] },
  { chapter: 6, name: "stopping a loop with Ctrl+C", text: [/Ctrl\+C/], code: [/KeyboardInterrupt|CancelledError/] },
  // 7. Choosing a model
  { chapter: 7, name: "a decision guide with the trade-offs", text: [/trade-off/i] },
  { chapter: 7, name: "a capstone using threads, processes and asyncio", code: [/threading|ThreadPoolExecutor/, /multiprocessing|ProcessPoolExecutor/, /asyncio/] },

  // Issue #20 (the second edition): the new concepts of its acceptance, each covered by a runnable example. Those of
  // lessons written on other branches are pending until the lesson lands on main; then they become ordinary tests.
  {
    chapter: 5,
    name: "start methods: fork, forkserver and spawn, and get_context()",
    text: [/\bforkserver\b/, /\bfork\b/, /\bspawn\b/, /3\.14/],
    code: [/get_context\(/, /get_all_start_methods\(\)/],
  },
  {
    chapter: 3,
    name: "threading.excepthook (a thread's uncaught exception)",
    code: [/threading\.excepthook\s*=/],
  },
  { chapter: 3, name: "contextvars in threads", code: [/\bcontextvars\b/, /threading/] },
  {
    chapter: 3,
    name: "Queue.shutdown (3.13)",
    code: [/\.shutdown\(\)/, /queue\.ShutDown/],
  },
  {
    chapter: 6,
    name: "TaskGroup on failure, against gather",
    code: [/TaskGroup\(\)/, /asyncio\.gather\(/, /\braise\b/],
  },
  { chapter: 6, name: "asyncio.shield", code: [/asyncio\.shield\(/] },
  { chapter: 8, name: "asyncio streams", text: [/drain\(\)/, /backpressure/i], code: [/asyncio\.(start_server|open_connection)\(/] },
  { chapter: 8, name: "a thread per connection", code: [/\.accept\(\)/, /threading\.Thread\(/] },
  { chapter: 8, name: "socketserver.ThreadingTCPServer", code: [/socketserver\.ThreadingTCPServer\(/] },
  { chapter: 8, name: "a selector loop on non-blocking sockets", text: [/readiness/i, /completion/i], code: [/selectors\.DefaultSelector\(\)/, /setblocking\(False\)/] },
  {
    chapter: 5,
    name: "multiprocessing.shared_memory (SharedMemory, ShareableList)",
    code: [/shared_memory/, /SharedMemory|ShareableList/],
  },
  { chapter: 5, name: "Managers and proxies", code: [/\bManager\(\)/] },
  { chapter: 9, name: "faulthandler", text: [/faulthandler\.dump_traceback_later\(/], code: [/faulthandler\.dump_traceback/] },
  { chapter: 9, name: "reading a deadlock report", text: [/\bdeadlock report\b/i, /<CodeRunner[^>]*expect="deadlock"/] },
  {
    chapter: 4,
    name: "the free-threaded interpreter model, beside the GIL model",
    text: [/<CodeRunner[^>]*model="free-threaded"/, /switch point/],
    code: [/threading\.Thread/],
  },
  { chapter: 4, name: "InterpreterPoolExecutor", text: [/concurrent\.interpreters/], code: [/InterpreterPoolExecutor/] },
  { chapter: 9, name: "asyncio debug mode", text: [/slow_callback_duration/], code: [/asyncio\.run\(.*debug=True/] },
  { chapter: 9, name: "the await graph and python -m asyncio ps/pstree (3.14)", text: [/python3?(\.14)? -m asyncio ps/, /pstree/], code: [/print_call_graph\(|format_call_graph\(/] },
  { chapter: 9, name: "deterministic tests with an injected clock", text: [/inject/i, /clock/], code: [/clock=/] },
  { chapter: 9, name: "testing by searching thread schedules", text: [/schedule/], code: [/\bexplore\(/, /unittest/] },
];

const RUNNABLE = /<(CodeRunner|PredictOutput)\b[^>]*?\bfile="([^"]+)"/g;
const INLINE = /<(CodeRunner|PredictOutput)\b[\s\S]*?\bcode=\{`([\s\S]*?)`\}/g;

interface LessonText {
  lesson: LessonMeta;
  mdx: string;
  /** The code of each runnable example. */
  examples: string[];
}

const course = loadCourse();

function readLesson(lesson: LessonMeta): LessonText {
  const mdx = fs.readFileSync(lesson.file, "utf8");
  const examples = [...mdx.matchAll(RUNNABLE)].map((m) => fs.readFileSync(path.join(lesson.dir, m[2] ?? ""), "utf8"));
  examples.push(...[...mdx.matchAll(INLINE)].map((m) => m[2] ?? ""));
  return { lesson, mdx, examples };
}

const byChapter = new Map(course.chapters.map((c) => [c.order, c.lessons.filter((l) => !l.frontmatter.draft).map(readLesson)]));

function covers(concept: Concept, l: LessonText): boolean {
  if (l.examples.length === 0) return false;
  if (!(concept.text ?? []).every((re) => re.test(l.mdx))) return false;
  const code = concept.code ?? [];
  if (concept.acrossExamples) return code.every((re) => l.examples.some((example) => re.test(example)));
  return code.length === 0 || l.examples.some((example) => code.every((re) => re.test(example)));
}

function lessonFor(concept: Concept): LessonMeta | undefined {
  return byChapter.get(concept.chapter)?.find((l) => covers(concept, l))?.lesson;
}

/** Why no lesson covers `concept`, for the failure message. */
function missing(concept: Concept): string {
  const chapter = course.chapters.find((c) => c.order === concept.chapter);
  if (!chapter) return `the course has no chapter ${concept.chapter}`;
  const published = byChapter.get(concept.chapter) ?? [];
  const withExamples = published.filter((l) => l.examples.length > 0);
  const byText = withExamples.filter((l) => (concept.text ?? []).every((re) => re.test(l.mdx)));
  return [
    `no published lesson of ${path.basename(chapter.dir)} covers it:`,
    `${published.length} published, ${withExamples.length} with a runnable example, ${byText.length} matching text ${String(concept.text ?? [])}`,
    byText.length ? `but none with an example matching code ${String(concept.code ?? [])}` : "",
  ].join(" ");
}

describe("every concept of the course is taught in a lesson with a runnable example", () => {
  for (const concept of CONCEPTS) {
    const title = `chapter ${concept.chapter}: ${concept.name}`;
    // A pending concept no lesson covers yet is listed as a todo; once a lesson covers it, it is an ordinary test.
    if (concept.pending && !lessonFor(concept)) {
      it.todo(`${title} (pending: ${concept.pending})`);
      continue;
    }
    // The search is the assertion: it runs in the test, over the lessons as they are on disk.
    it(title, () => {
      expect(lessonFor(concept), missing(concept)).toBeDefined();
    });
  }

  it("every concept names something a lesson must contain (else any lesson with an example would match)", () => {
    const empty = CONCEPTS.filter((c) => (c.text ?? []).length + (c.code ?? []).length === 0).map((c) => c.name);
    expect(empty).toEqual([]);
  });

  it("the matcher is not vacuous: a concept no lesson teaches is not found", () => {
    expect(lessonFor({ chapter: 3, name: "nonsense", code: [/this string appears in no example 0x5eed/] })).toBeUndefined();
    expect(lessonFor({ chapter: 3, name: "text only", text: [/this phrase appears in no lesson 0x5eed/] })).toBeUndefined();
  });
});
