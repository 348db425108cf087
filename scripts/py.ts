// npm run py -- FILE.py [--timeout S] [--interrupt-after MS[,MS...]] [--model gil|free-threaded]
//                       [--seed N | --schedule S | --explore N [--bound B]] [--timeline OUT.json] [--event-loop OUT.json]
// Runs FILE through the in-browser runtime (headless Chromium, the site's own client and worker), like
// `python3 FILE.py`: the program's stdout and stderr go to ours, our stdin feeds input() (read only when the program
// asks), Ctrl+C raises KeyboardInterrupt in the program, and our exit code is the program's. Nothing else is
// written to stdout; runtime notices go to stderr. --model says where threads may switch: CPython 3.14 with its GIL
// (the default) or free-threaded 3.14t (between any two bytecodes; lib/python/py/interleave/threads/_points.py).
// --schedule replays a schedule ("gil:0x7,1x3,2", see lib/python/py/interleave/threads/_schedule.py); --explore runs
// the program under up to N schedules in one warm interpreter and reports the first failing one (exit code 1) with
// the --schedule that replays it.
import fs from "node:fs";
import path from "node:path";
import { exploreRequest } from "../lib/python/explore";
import { PythonHarness } from "../lib/python/harness/node";
import { MODELS, scheduleModelProblem, scheduleProblem, type InterpreterModel } from "../lib/python/schedule";

const USAGE =
  "usage: npm run py -- FILE.py [--timeout S] [--interrupt-after MS[,MS...]] [--model gil|free-threaded] [--seed N | --schedule S | --explore N [--bound B]] [--timeline OUT.json] [--event-loop OUT.json]\n";

function fail(message: string, code = 2): never {
  process.stderr.write(`py: ${message}\n`);
  process.exit(code);
}

const args = process.argv.slice(2);
let file: string | undefined;
let timeoutMs: number | undefined;
let interruptAfter: number[] = [];
let seed: number | null = null;
let timelineOut: string | undefined;
let eventLoopOut: string | undefined;
let schedule: string | null = null;
let explore: number | undefined;
let bound: number | undefined;
let model: InterpreterModel = "gil";
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  const value = (pattern: RegExp) => {
    const v = args[++i];
    if (v === undefined || !pattern.test(v)) fail(`${a} needs a number\n${USAGE}`);
    return Number(v);
  };
  if (a === "--timeout") timeoutMs = value(/^\d+(\.\d+)?$/) * 1000;
  else if (a === "--interrupt-after") {
    // Stop pressed at each of these times (ms after the start): a second Stop is a second Ctrl+C.
    const s = args[++i];
    if (!s || !/^\d+(,\d+)*$/.test(s)) fail(`--interrupt-after needs milliseconds, such as 500 or 500,1500\n${USAGE}`);
    interruptAfter = s.split(",").map(Number);
  }
  else if (a === "--seed") seed = value(/^-?\d+$/);
  else if (a === "--event-loop") {
    eventLoopOut = args[++i];
    if (!eventLoopOut || eventLoopOut.startsWith("-")) fail(`--event-loop needs a file name\n${USAGE}`);
  } else if (a === "--explore") explore = value(/^[1-9]\d{0,6}$/);
  else if (a === "--bound") bound = value(/^\d{1,2}$/);
  else if (a === "--model") {
    const m = args[++i];
    if (m === "ft") model = "free-threaded";
    else if (m !== undefined && (MODELS as readonly string[]).includes(m)) model = m as InterpreterModel;
    else fail(`--model needs gil (CPython 3.14) or free-threaded (3.14t)\n${USAGE}`);
  }
  else if (a === "--schedule") {
    const s = args[++i];
    if (s === undefined) fail(`--schedule needs a schedule such as gil:0x7,1x3,2 ("" for none)\n${USAGE}`);
    const problem = scheduleProblem(s);
    if (problem) fail(problem);
    schedule = s.trim();
  } else if (a === "--timeline") {
    timelineOut = args[++i];
    if (!timelineOut || timelineOut.startsWith("-")) fail(`--timeline needs a file name\n${USAGE}`);
  }
  else if (a === "-h" || a === "--help") {
    process.stderr.write(USAGE);
    process.exit(0);
  } else if (a.startsWith("-") && a !== "-") fail(`unknown option ${a}\n${USAGE}`);
  else if (!file) file = a;
  else fail(`only one file\n${USAGE}`);
}
if (!file) fail(`no file given\n${USAGE}`);
if ([seed !== null, schedule !== null, explore !== undefined].filter(Boolean).length > 1) fail(`--seed, --schedule and --explore do not go together\n${USAGE}`);
if (bound !== undefined && explore === undefined) fail(`--bound goes with --explore\n${USAGE}`);
if (schedule !== null) {
  const problem = scheduleModelProblem(schedule, model);
  if (problem) fail(`${problem} (--model)`);
}
if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
  // python3's own wording and exit code.
  fail(`can't open file '${path.resolve(file)}': [Errno 2] No such file or directory`);
}
const code = fs.readFileSync(file, "utf8");
const filename = /^\w[\w.-]*\.py$/.test(path.basename(file)) ? path.basename(file) : "main.py";

// stdin is read only when the program asks for a line, so both piping and typing work.
const stdinLines = (() => {
  let buffered = "";
  let ended = false;
  const lines: string[] = [];
  const waiters: Array<(line: string | null) => void> = [];
  const pump = () => {
    while (waiters.length && (lines.length || ended)) waiters.shift()!(lines.length ? lines.shift()! : null);
    if (!waiters.length) process.stdin.pause();
  };
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split("\n");
    buffered = parts.pop()!;
    lines.push(...parts.map((l) => l.replace(/\r$/, "")));
    pump();
  });
  process.stdin.on("end", () => {
    if (buffered) lines.push(buffered);
    buffered = "";
    ended = true;
    pump();
  });
  process.stdin.on("error", () => {
    ended = true;
    pump();
  });
  process.stdin.pause();
  return {
    next(): Promise<string | null> {
      return new Promise((resolve) => {
        waiters.push(resolve);
        if (lines.length || ended) pump();
        else process.stdin.resume();
      });
    },
  };
})();

let harness: PythonHarness;
try {
  harness = await PythonHarness.start();
} catch (err) {
  fail(`the Python runtime could not start: ${err instanceof Error ? err.message : String(err)}`, 1);
}

let interrupts = 0;
process.on("SIGINT", () => {
  interrupts += 1;
  // A second Ctrl+C while the first is still being delivered gives up at once, as impatient users expect.
  if (interrupts > 2) process.exit(130);
  void harness.stop();
});
process.stdout.on("error", () => undefined); // a closed pipe (| head) is not our error

let timeline: unknown = null;
let eventLoop: unknown = null;
const request =
  explore === undefined
    ? { code, filename, seed, schedule, timeoutMs, model }
    : exploreRequest(code, filename, { runs: explore, bound, shownName: file, timeoutMs, model });
const running = harness.run(request, (event, h) => {
  if (event.kind === "stdout") process.stdout.write(event.text);
  else if (event.kind === "stderr") process.stderr.write(event.text);
  else if (event.kind === "notice") process.stderr.write(`[interleave] ${event.text}\n`);
  else if (event.kind === "trace" && event.name === "threads") timeline = event.data;
  else if (event.kind === "trace" && event.name === "asyncio") eventLoop = event.data;
  else if (event.kind === "input-request") void stdinLines.next().then((line) => (line === null ? h.sendEof() : h.sendInput(line)));
});
// Counted from the program's start: the browser and the interpreter are already up.
const interruptTimers = interruptAfter.map((ms) => setTimeout(() => void harness.stop(), ms));
const { result } = await running;
for (const timer of interruptTimers) clearTimeout(timer);
await harness.close();
if (timelineOut) {
  // A recorded GIL timeline for <ThreadTimeline src="…json"> in a lesson.
  if (timeline === null) process.stderr.write("[interleave] --timeline: the program started no threads, so there is no timeline to write\n");
  else fs.writeFileSync(timelineOut, `${JSON.stringify(timeline)}\n`);
}
if (eventLoopOut) {
  // A recorded event loop for <EventLoopView src="…json"> in a lesson.
  if (eventLoop === null) process.stderr.write("[interleave] --event-loop: the program ran no asyncio event loop, so there is nothing to write\n");
  else fs.writeFileSync(eventLoopOut, `${JSON.stringify(eventLoop)}\n`);
}
// stdin may still hold the process open (a terminal); the program is over once stdout is written.
process.stdout.write("", () => process.exit(result.exitCode));
