// npm run py -- FILE.py [--timeout S] [--interrupt-after MS] [--seed N]
// Runs FILE through the in-browser runtime (headless Chromium, the site's own worker), like `python3 FILE.py`:
// the program's stdout and stderr go to ours, our stdin feeds input(), Ctrl+C raises KeyboardInterrupt in the
// program, and our exit code is the program's.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { PythonHarness } from "../lib/python/harness/node";

function usage(message?: string): never {
  if (message) process.stderr.write(`py: ${message}\n`);
  process.stderr.write("usage: npm run py -- FILE.py [--timeout S] [--interrupt-after MS] [--seed N]\n");
  process.exit(2);
}

const args = process.argv.slice(2);
let file: string | undefined;
let timeoutMs: number | undefined;
let interruptAfter: number | undefined;
let seed: number | null = null;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  const value = () => {
    const v = args[++i];
    if (v === undefined || !/^\d+(\.\d+)?$/.test(v)) usage(`${a} needs a number`);
    return Number(v);
  };
  if (a === "--timeout") timeoutMs = value() * 1000;
  else if (a === "--interrupt-after") interruptAfter = value();
  else if (a === "--seed") seed = value();
  else if (a.startsWith("-")) usage(`unknown option ${a}`);
  else if (!file) file = a;
  else usage("only one file");
}
if (!file) usage();
if (!fs.existsSync(file)) {
  process.stderr.write(`py: can't open file '${path.resolve(file)}': [Errno 2] No such file or directory\n`);
  process.exit(2);
}

const code = fs.readFileSync(file, "utf8");
const harness = await PythonHarness.start();

// stdin is read only when the program asks for a line, so piping and typing both work.
const lines: string[] = [];
let stdinEnded = false;
let waiting: ((line: string | null) => void) | null = null;
const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on("line", (line) => {
  if (waiting) {
    const w = waiting;
    waiting = null;
    w(line);
  } else lines.push(line);
});
rl.on("close", () => {
  stdinEnded = true;
  if (waiting) {
    const w = waiting;
    waiting = null;
    w(null);
  }
});
rl.pause();

process.on("SIGINT", () => void harness.stop());
if (interruptAfter !== undefined) setTimeout(() => void harness.stop(), interruptAfter);

const { result } = await harness.run(
  { code, filename: path.basename(file), seed, timeoutMs },
  (event, h) => {
    if (event.kind === "stdout") process.stdout.write(event.text);
    else if (event.kind === "stderr") process.stderr.write(event.text);
    else if (event.kind === "notice") process.stderr.write(`[interleave] ${event.text}\n`);
    else if (event.kind === "input-request") {
      const answer = (line: string | null) => void (line === null ? h.sendEof() : h.sendInput(line));
      if (lines.length) answer(lines.shift()!);
      else if (stdinEnded) answer(null);
      else {
        waiting = answer;
        rl.resume();
      }
    }
  },
);
rl.close();
await harness.close();
process.exit(result.exitCode);
